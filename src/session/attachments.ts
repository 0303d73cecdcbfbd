/**
 * How attachments reach the model: after the prompt, each in a fenced block under its
 * name, the fence longer than any backtick run inside so content cannot close it early.
 */
import type { Attachment } from "./blocks.ts";

export function promptWithAttachments(text: string, attachments: readonly Attachment[] | undefined): string {
  if (!attachments?.length) return text;
  return [text, ...attachments.map(attachmentText)].join("\n\n");
}

function attachmentText(a: Attachment): string {
  const heading = a.name.startsWith("!") ? `Output of \`${a.name.slice(1).trim()}\`:` : `${a.name}:`;
  return `${heading}\n${fenced(a.text)}`;
}

export function fenced(text: string, lang = ""): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const f = "`".repeat(Math.max(3, longest + 1));
  return `${f}${lang}\n${text.replace(/\n$/, "")}\n${f}`;
}
