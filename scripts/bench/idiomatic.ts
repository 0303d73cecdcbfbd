/**
 * Strategy 3, OpenTUI-idiomatic: the transcript built the way opencode builds its
 * session view on @opentui/core (OPENTUI.md §6), with OpenTUI's own renderables and
 * OpenTUI doing all the drawing:
 *
 * - one ScrollBox (stickyScroll, stickyStart "bottom", viewportCulling on) holding one
 *   renderable per block;
 * - assistant text: a `MarkdownRenderable` per message, `streaming: true` while it
 *   streams (then false, to finalize the trailing block), `internalBlockMode:
 *   "top-level"` and grid tables as opencode's newer message-parts.tsx configures it;
 *   fenced code is highlighted by OpenTUI's tree-sitter client (its worker);
 * - reasoning: a header line plus `CodeRenderable { filetype: "markdown", streaming,
 *   drawUnstyledText: false, conceal }` (opencode's ReasoningPart), collapsed to one
 *   "Thought for …" line when it ends, as petrel shows it;
 * - tool calls: a Text line with a spinner (opencode's InlineTool), the first lines of
 *   the result below once it arrives; user prompts: a left-bordered box with a Text;
 * - updates arrive as opencode's context/sdk.tsx delivers them: events are queued and
 *   flushed in one batch, at once if the last flush was ≥ 16 ms ago, otherwise by a
 *   16 ms timer; a flush sets `content` on each changed renderable;
 * - spinners: every running spinner's Text is updated 12 times a second;
 * - frames: the renderer paints what changed, at most `fps` a second.
 *
 * Bytes lexed are read from each MarkdownRenderable's parse state (its incremental
 * parser re-lexes from the first unstable top-level token on: content length minus the
 * raw length of the reused token prefix). The reasoning body and code blocks are parsed
 * by tree-sitter, not counted there.
 */
import {
  BoxRenderable,
  CodeRenderable,
  MarkdownRenderable,
  type Renderable,
  RGBA,
  ScrollBoxRenderable,
  SyntaxStyle,
  TextRenderable,
} from "@opentui/core";
import type { Color, Style } from "../../src/render/style.ts";
import type { Theme } from "../../src/render/theme.ts";
import type { Block, ReasoningBlock, ToolBlock, TranscriptListener } from "../../src/session/blocks.ts";
import type { Transcript } from "../../src/session/transcript.ts";
import { SPINNER_FRAME_MS } from "../../src/tree/spans.ts";
import { toRGBA } from "../../src/view/row-painter.ts";
import { isLive, LIVE_SCAN, outputPreview, reasoningHeader, toolHeader } from "./baseline.ts";
import type { Strategy, StrategyContext, StrategyCounters } from "./strategy.ts";

const FLUSH_MS = 16;
const TICK_MS = SPINNER_FRAME_MS;

type ParseState = NonNullable<MarkdownRenderable["_parseState"]>;

interface View {
  block: Block;
  root: Renderable;
  /** Markdown of a text block. */
  markdown?: MarkdownRenderable;
  /** Reasoning body. */
  code?: CodeRenderable;
  /** Reasoning or tool header line (spinner). */
  header?: TextRenderable;
  output?: TextRenderable;
  parse?: ParseState | null;
  /** What was last applied (to set content only when it changed). */
  applied: string;
}

function fg(style: Style, fallback: Color = 7): RGBA {
  return toRGBA(style.fg ?? fallback);
}

/** A syntax style with the scopes OpenTUI's markdown and tree-sitter highlighting use, in petrel's theme colours. */
function syntaxStyleFor(theme: Theme, ctx: StrategyContext): SyntaxStyle {
  const c = theme.code;
  const s = (scope: string[], st: Style, extra: { bold?: boolean; italic?: boolean; underline?: boolean; dim?: boolean } = {}) => ({
    scope,
    style: { foreground: fg(st), ...extra },
  });
  return SyntaxStyle.fromTheme(
    [
      s(["default"], theme.text),
      s(["markup.heading", "markup.heading.1", "markup.heading.2", "markup.heading.3"], theme.headings[0], { bold: true }),
      s(["markup.heading.4", "markup.heading.5", "markup.heading.6"], theme.headings[3], { bold: true }),
      s(["markup.strong"], theme.strong, { bold: true }),
      s(["markup.italic"], theme.emphasis, { italic: true }),
      s(["markup.strikethrough"], theme.strike, { dim: true }),
      s(["markup.raw", "markup.raw.block", "markup.raw.inline"], theme.codeSpan),
      s(["markup.link", "markup.link.label"], theme.link, { underline: true }),
      s(["markup.link.url"], theme.linkUrl),
      s(["markup.quote"], theme.quoteText, { italic: true }),
      s(["markup.list", "punctuation.special"], theme.listMarker),
      s(["conceal"], theme.rule),
      s(["keyword", "keyword.function", "keyword.return", "keyword.operator"], c.keyword),
      s(["string", "string.special"], c.string),
      s(["number", "boolean", "constant", "constant.builtin"], c.number),
      s(["comment"], c.comment, { italic: true }),
      s(["type", "type.builtin"], c.type),
      s(["function", "function.call", "function.method", "function.builtin"], c.func),
      s(["variable", "variable.parameter", "variable.member"], c.variable),
      s(["property"], c.property),
      s(["operator", "punctuation", "punctuation.bracket", "punctuation.delimiter"], c.text),
    ],
    ctx.renderer.nativeScene,
  );
}

export class IdiomaticStrategy implements Strategy {
  readonly name = "idiomatic" as const;
  private readonly box: ScrollBoxRenderable;
  private readonly style: SyntaxStyle;
  private transcript: Transcript | null = null;
  private readonly views = new Map<number, View>();
  /** Blocks shown so far, in order. */
  private shown = 0;
  private readonly dirty = new Set<Block>();
  private flushTimer: unknown = null;
  private lastFlush = -Infinity;
  private tickTimer: unknown = null;
  private suspended = false;
  private readonly c = { nodesRendered: 0, bytesLexed: 0, ticks: 0, tickRenders: 0, updates: 0 };

  private readonly listener: TranscriptListener = {
    added: () => this.queue(null),
    appended: (block) => this.queue(block),
    changed: (block) => this.queue(block),
    cleared: () => this.queue(null),
  };

  constructor(private readonly ctx: StrategyContext) {
    this.style = syntaxStyleFor(ctx.theme, ctx);
    this.box = new ScrollBoxRenderable(ctx.renderer, {
      width: "100%",
      height: "100%",
      stickyScroll: true,
      stickyStart: "bottom",
      viewportCulling: true,
    });
    ctx.renderer.root.add(this.box);
  }

  attach(transcript: Transcript): void {
    this.transcript = transcript;
    transcript.setListener(this.listener);
    this.flush();
  }

  counters(): StrategyCounters {
    return { ...this.c, rowsDrawn: 0, spansDrawn: 0 };
  }

  suspend(): void {
    this.suspended = true;
  }

  resume(): void {
    this.suspended = false;
    this.flush();
  }

  destroy(): void {
    this.transcript?.setListener(undefined);
    if (this.flushTimer !== null) this.ctx.time.clear(this.flushTimer);
    if (this.tickTimer !== null) this.ctx.time.clear(this.tickTimer);
  }

  /** opencode's sdk.tsx: flush at once unless the last flush was under 16 ms ago. */
  private queue(block: Block | null): void {
    if (block) this.dirty.add(block);
    if (this.suspended || this.flushTimer !== null) return;
    if (this.ctx.time.now() - this.lastFlush < FLUSH_MS) {
      this.flushTimer = this.ctx.time.set(() => {
        this.flushTimer = null;
        if (!this.suspended) this.flush();
      }, FLUSH_MS);
      return;
    }
    this.flush();
  }

  private flush(): void {
    const transcript = this.transcript;
    if (!transcript) return;
    this.lastFlush = this.ctx.time.now();
    this.c.updates++;
    const blocks = transcript.blocks;
    if (blocks.length < this.shown) {
      for (const v of this.views.values()) v.root.destroyRecursively();
      this.views.clear();
      this.shown = 0;
    }
    for (const block of this.dirty) if (this.views.has(block.id)) this.apply(this.views.get(block.id)!);
    this.dirty.clear();
    for (; this.shown < blocks.length; this.shown++) this.create(blocks[this.shown]!);
    this.armTick();
  }

  private create(block: Block): void {
    const r = this.ctx.renderer;
    const ui = this.ctx.theme.ui;
    const view: View = { block, root: null as unknown as Renderable, applied: "" };
    switch (block.kind) {
      case "user": {
        const box = new BoxRenderable(r, { width: "100%", marginTop: 1, border: ["left"], borderColor: fg(ui.userMarker), paddingLeft: 1 });
        box.add(new TextRenderable(r, { content: block.text, fg: fg(ui.user) }));
        view.root = box;
        this.c.nodesRendered++;
        break;
      }
      case "text": {
        const md = new MarkdownRenderable(r, {
          width: "100%",
          marginTop: 1,
          paddingLeft: 2,
          content: block.text,
          syntaxStyle: this.style,
          streaming: block.streaming,
          internalBlockMode: "top-level",
          tableOptions: { style: "grid", cellPaddingX: 1 },
        });
        view.root = md;
        view.markdown = md;
        view.applied = block.text;
        view.parse = null;
        this.countLexed(view);
        this.c.nodesRendered++;
        break;
      }
      case "reasoning": {
        const box = new BoxRenderable(r, { width: "100%", marginTop: 1, flexDirection: "column" });
        view.header = new TextRenderable(r, { content: reasoningHeader(block, this.ctx.time.now()), fg: fg(ui.reasoning) });
        view.code = new CodeRenderable(r, {
          content: block.text,
          filetype: "markdown",
          syntaxStyle: this.style,
          streaming: true,
          drawUnstyledText: false,
          conceal: true,
          fg: fg(ui.reasoning),
          paddingLeft: 2,
        });
        view.code.visible = block.streaming;
        box.add(view.header);
        box.add(view.code);
        view.root = box;
        view.applied = block.text;
        this.c.nodesRendered++;
        break;
      }
      case "tool": {
        const box = new BoxRenderable(r, { width: "100%", marginTop: 1, flexDirection: "column" });
        view.header = new TextRenderable(r, { content: toolHeader(block, this.ctx.time.now()), fg: fg(ui.toolName) });
        box.add(view.header);
        view.root = box;
        this.c.nodesRendered++;
        this.applyToolOutput(view, block);
        break;
      }
      case "error":
      case "notice": {
        view.root = new TextRenderable(r, {
          content: block.kind === "error" ? `✗ ${block.message}` : block.text,
          fg: fg(block.kind === "error" ? ui.error : ui.notice),
          marginTop: 1,
          width: "100%",
        });
        this.c.nodesRendered++;
        break;
      }
    }
    this.views.set(block.id, view);
    this.box.add(view.root);
  }

  /** Brings a renderable up to date with its block (the batch's content updates). */
  private apply(view: View): void {
    const block = view.block;
    const now = this.ctx.time.now();
    switch (block.kind) {
      case "text": {
        const md = view.markdown!;
        if (view.applied !== block.text) {
          md.content = block.text;
          view.applied = block.text;
          this.c.nodesRendered++;
          this.countLexed(view);
        }
        if (md.streaming !== block.streaming) {
          md.streaming = block.streaming;
          this.countLexed(view);
        }
        break;
      }
      case "reasoning": {
        if (view.applied !== block.text) {
          view.code!.content = block.text;
          view.applied = block.text;
          this.c.nodesRendered++;
        }
        if (!block.streaming && view.code!.visible) {
          view.code!.visible = false;
          view.header!.content = reasoningHeader(block, now);
          this.c.nodesRendered++;
        }
        break;
      }
      case "tool":
        view.header!.content = toolHeader(block, now);
        this.c.nodesRendered++;
        this.applyToolOutput(view, block);
        break;
      case "notice":
        (view.root as TextRenderable).content = block.text;
        this.c.nodesRendered++;
        break;
      default:
        break;
    }
  }

  private applyToolOutput(view: View, block: ToolBlock): void {
    if (block.output === undefined || view.output) return;
    view.output = new TextRenderable(this.ctx.renderer, { content: outputPreview(block.output), fg: fg(this.ctx.theme.ui.muted), paddingLeft: 4 });
    view.root.add(view.output);
    this.c.nodesRendered++;
  }

  private countLexed(view: View): void {
    const state = view.markdown!._parseState;
    const prev = view.parse;
    if (!state || state === prev) return;
    let reused = 0;
    if (prev) {
      for (let i = 0; i < state.tokens.length && i < prev.tokens.length && state.tokens[i] === prev.tokens[i]; i++) reused += state.tokens[i]!.raw.length;
    }
    this.c.bytesLexed += Math.max(0, state.content.length - reused);
    view.parse = state;
  }

  // --- spinners ---

  private live(): View[] {
    const out: View[] = [];
    for (let i = this.shown - 1; i >= 0 && i >= this.shown - LIVE_SCAN; i--) {
      const view = this.views.get(this.transcript!.blocks[i]!.id);
      if (view && isLive(view.block)) out.push(view);
    }
    return out;
  }

  private armTick(): void {
    if (this.tickTimer !== null || this.live().length === 0) return;
    this.tickTimer = this.ctx.time.set(() => {
      this.tickTimer = null;
      if (this.suspended) return;
      const views = this.live();
      if (views.length === 0) return;
      this.c.ticks++;
      const now = this.ctx.time.now();
      for (const view of views) {
        const b = view.block;
        view.header!.content = b.kind === "tool" ? toolHeader(b, now) : reasoningHeader(b as ReasoningBlock, now);
        this.c.nodesRendered++;
        this.c.tickRenders++;
      }
      this.armTick();
    }, TICK_MS);
  }
}
