/**
 * A transcript as a markdown document for /export: prompts and answers as written,
 * reasoning quoted, tool calls with their arguments and output fenced (petrel's own
 * notices left out), so the file
 * reads well in any markdown viewer and loses nothing the model said.
 */
import { thoughtSeconds, type Block } from "./blocks.ts";

export function transcriptMarkdown(blocks: readonly Block[]): string {
  const parts: string[] = [];
  let inAnswer = false;
  for (const b of blocks) {
    switch (b.kind) {
      case "user":
        parts.push(`## You\n\n${b.text.trimEnd()}`);
        inAnswer = false;
        break;
      case "reasoning": {
        if (!inAnswer) parts.push("## Assistant");
        inAnswer = true;
        const seconds = b.endedAt !== undefined ? ` for ${thoughtSeconds(b.startedAt, b.endedAt)}s` : "";
        const quoted = b.text.trimEnd().replace(/^/gm, "> ");
        parts.push(`> **Thought${seconds}**\n>\n${quoted}`);
        break;
      }
      case "text":
        if (!inAnswer) parts.push("## Assistant");
        inAnswer = true;
        parts.push(b.interrupted ? `${b.text.trimEnd()}\n\n*(interrupted)*` : b.text.trimEnd());
        break;
      case "tool": {
        if (!inAnswer) parts.push("## Assistant");
        inAnswer = true;
        const args = b.args !== undefined ? JSON.stringify(b.args, null, 2) : b.argsText;
        const lines = [`**Tool \`${b.name}\`** (${b.status})`, "", fence(args, "json")];
        if (b.output !== undefined) lines.push("", fence(b.output, b.output.startsWith("--- ") ? "diff" : ""));
        parts.push(lines.join("\n"));
        break;
      }
      case "error":
        parts.push(`> **Error:** ${b.message}`);
        break;
      case "notice":
        // petrel's own lines ("resumed session…", "Model: …") are not the conversation; a compaction changed it
        if (b.compaction)
          parts.push(
            `---\n\n> *${b.text}*\n>\n> **Summary the model continued from:**\n>\n${b.compaction.summary.trimEnd().replace(/^/gm, "> ")}\n\n---`,
          );
        break;
    }
  }
  return parts.length > 0 ? `${parts.join("\n\n")}\n` : "";
}

/** A fenced block whose fence is longer than any backtick run inside `text`. */
function fence(text: string, lang: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const f = "`".repeat(Math.max(3, longest + 1));
  return `${f}${lang}\n${text.replace(/\n$/, "")}\n${f}`;
}
