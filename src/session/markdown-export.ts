/**
 * A transcript as a markdown document for /export: prompts and answers as written,
 * reasoning quoted, tool calls with their arguments and output fenced (petrel's own
 * notices left out), so the file
 * reads well in any markdown viewer and loses nothing the model said.
 */
import { fenced } from "./attachments.ts";
import { thoughtSeconds, type Block } from "./blocks.ts";

export function transcriptMarkdown(blocks: readonly Block[]): string {
  const parts: string[] = [];
  let inAnswer = false;
  for (const b of blocks) {
    switch (b.kind) {
      case "user":
        parts.push(`## You\n\n${b.text.trimEnd()}`);
        for (const a of b.attachments ?? []) parts.push(`*Attached \`${a.name}\` (${a.summary})*`);
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
        if (b.local) break;
        if (!inAnswer) parts.push("## Assistant");
        inAnswer = true;
        const args = b.args !== undefined ? JSON.stringify(b.args, null, 2) : b.argsText;
        const lines = [`**Tool \`${b.name}\`** (${b.status})`, "", fenced(args, "json")];
        if (b.output !== undefined) lines.push("", fenced(b.output, b.output.startsWith("--- ") ? "diff" : ""));
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
