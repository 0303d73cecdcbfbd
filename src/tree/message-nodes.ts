import type { ErrorBlock, NoticeBlock, UserBlock } from "../session/blocks.ts";
import { sanitize } from "../render/sanitize.ts";
import type { Row } from "../render/style.ts";
import type { Theme } from "../render/theme.ts";
import { span, wrapSpans } from "../render/text.ts";
import { TreeNode, type Overlay, type RenderEnv } from "./node.ts";
import { decor } from "./spans.ts";

const USER_PREVIEW_LINES = 12;

/** What the user sent, behind "›"; very long prompts (pastes) collapse to their first lines. */
export class UserNode extends TreeNode<UserBlock> {
  constructor(block: UserBlock) {
    super(block);
    this.collapsed = lineCount(block.text) > USER_PREVIEW_LINES;
  }

  override get collapsible(): boolean {
    return lineCount(this.block.text) > USER_PREVIEW_LINES;
  }

  protected renderRows(env: RenderEnv): Row[] {
    const ui = env.theme.ui;
    const text = sanitize(this.block.text);
    const lines = text.split("\n");
    const shown = this.collapsed ? lines.slice(0, USER_PREVIEW_LINES) : lines;
    const rows = wrapSpans([span(shown.join("\n"), ui.user)], env.width, {
      firstPrefix: [decor("› ", ui.userMarker)],
      restPrefix: [decor("  ", ui.userMarker)],
    });
    if (shown.length < lines.length) {
      rows.push(...wrapSpans([span(`  … +${lines.length - shown.length} lines (click to expand)`, ui.muted)], env.width));
    }
    for (const a of this.block.attachments ?? []) {
      const name = span(sanitize(a.name), ui.accent);
      rows.push(...wrapSpans([span("+ ", ui.muted), name, span(`  ${sanitize(a.summary)}`, ui.muted)], env.width, {
        firstPrefix: [decor("  ", ui.muted)],
        restPrefix: [decor("    ", ui.muted)],
      }));
    }
    return rows;
  }
}

export class ErrorNode extends TreeNode<ErrorBlock> {
  protected renderRows(env: RenderEnv): Row[] {
    const ui = env.theme.ui;
    return wrapSpans([span(sanitize(this.block.message), ui.error)], env.width, {
      firstPrefix: [decor("✗ ", ui.error)],
      restPrefix: [decor("  ", ui.error)],
    });
  }
}

const COUNTDOWN_WIDTH = 6;

/** A notice from petrel itself; a retry countdown ticks as an overlay at the end of its text. */
export class NoticeNode extends TreeNode<NoticeBlock> {
  override animates(now: number): boolean {
    return this.block.countdownUntil !== undefined && this.block.countdownUntil > now;
  }

  override overlays(now: number, theme: Theme): Overlay[] {
    const until = this.block.countdownUntil;
    if (until === undefined || !this.rows?.length) return [];
    const last = this.rows.length - 1;
    const secs = Math.max(0, Math.ceil((until - now) / 1000));
    const col = this.rows.at(last)!.width - COUNTDOWN_WIDTH;
    return [{ row: last, col, text: ` ${secs}s`.padEnd(COUNTDOWN_WIDTH), style: theme.ui.notice }];
  }

  protected renderRows(env: RenderEnv): Row[] {
    const ui = env.theme.ui;
    const countdown = this.block.countdownUntil !== undefined;
    const rows = wrapSpans([span(sanitize(this.block.text), ui.notice)], Math.max(1, env.width - (countdown ? COUNTDOWN_WIDTH : 0)), {
      firstPrefix: [decor("• ", ui.muted)],
      restPrefix: [decor("  ", ui.muted)],
    });
    if (!countdown) return rows;
    const last = rows[rows.length - 1]!;
    const slot = span(" ".repeat(COUNTDOWN_WIDTH), ui.notice);
    rows[rows.length - 1] = { spans: [...last.spans, slot], width: last.width + COUNTDOWN_WIDTH };
    return rows;
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1 && n <= USER_PREVIEW_LINES + 1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
