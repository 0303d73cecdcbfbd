/**
 * Incremental markdown: text is appended in chunks, `update()` brings the rows up to date.
 *
 * Only the open tail is ever re-lexed. A top-level block is frozen (its rows final, its
 * source dropped from the tail) once the text after it proves it complete: a blank line
 * after it, or for blocks that can run on past a blank line (lists, indented code, HTML)
 * a complete next line; without a blank line, two complete lines (a table can interrupt a
 * paragraph, and needs its delimiter row). Finished items of a growing top-level list
 * freeze too, and so do the completed lines of an open fenced code block: those lines
 * never go through marked again; each is highlighted with the state the previous line
 * left. Because freezing waits until the text proves a block complete, and rows of a block
 * depend only on that block, the rows after `finish()` equal `renderMarkdown` of the text.
 *
 * The one exception is a reference definition that arrives after a frozen block using its
 * label: marked resolves references against the whole text, so `finish()` re-renders such
 * blocks and returns the first row that changed.
 *
 * An open tail longer than `PROVISIONAL_FROM` (one huge paragraph, a long table) is
 * re-lexed only once it has doubled, or when a blank line may have ended its first block;
 * the text after what was lexed is shown by `ProvisionalText` (provisional.ts) meanwhile,
 * at a cost of the new text per update. So streaming a block of n bytes lexes O(n) in all.
 *
 * A shorter tail that is one paragraph is not re-lexed while what arrives provably cannot
 * change how marked reads it (no line break, no markup, no autolink in the making):
 * `OpenParagraph` (open-paragraph.ts) wraps it on from the saved wrapper state, giving the
 * rows a lex would. Streaming prose then costs the new text per update, not the paragraph.
 */
import type { Token, Tokens } from "marked";
import { CodeBlock, fenceLanguage } from "./code.ts";
import { lexInline, lexInStages, lexMarkdown, renderCounters, type Links } from "./lex.ts";
import { BlockRenderer, itemEndsWithBlank, renderTokens, type RenderOptions } from "./markdown.ts";
import { OpenParagraph } from "./open-paragraph.ts";
import { Sanitizer } from "./sanitize.ts";
import type { Row } from "./style.ts";
import { ProvisionalText, type InlineStyler } from "./provisional.ts";
import { EMPTY_ROW, lastGraphemeStart } from "./text.ts";
import type { Theme } from "./theme.ts";

/** An open fenced code block whose completed lines are frozen as they arrive. */
interface OpenFence {
  readonly fence: string;
  /** Leading spaces of a backtick fence, removed from content lines as marked does. */
  readonly indent: number;
  readonly block: CodeBlock;
}

/** A top-level list whose first items are frozen; the tail starts at its next item. */
interface OpenList {
  next: number;
}

/** A frozen piece that may hold a reference link resolved by a later definition. */
interface RefBlock {
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  readonly linksKnown: number;
  /** For list items and continued lists: the number the first item had. */
  readonly number?: number;
  readonly item?: boolean;
  readonly gap?: boolean;
}

const OPENING_FENCE = /^( {0,3})(`{3,}|~{3,})/;
/**
 * Below this the open tail is re-lexed on every update (normal paragraphs, lists and
 * tables are far smaller); above it, only when it has grown `RELEX_GROWTH` times, so
 * lexing a block of n bytes costs under 2n while it streams, and n more at the end.
 */
const PROVISIONAL_FROM = 2 * 1024;
const RELEX_GROWTH = 2;
/** A partial last line made only of block markers: shown once its kind is certain. */
const AMBIGUOUS_LINE = /^[ \t]*[-+*#>=_~`|:\d.)[\]]*[ \t]*$/;

function countLinks(links: Links): number {
  let n = 0;
  for (const _ in links) n++;
  return n;
}

function rowsEqual(a: Row, b: Row): boolean {
  if (a === b) return true;
  if (a.width !== b.width || a.fill !== b.fill || a.spans.length !== b.spans.length) return false;
  for (let i = 0; i < a.spans.length; i++) {
    const x = a.spans[i]!;
    const y = b.spans[i]!;
    if (x.text !== y.text || x.style !== y.style) return false;
  }
  return true;
}

export class MarkdownStream {
  private renderer: BlockRenderer;
  private readonly sanitizer = new Sanitizer();
  /** Everything appended so far, sanitized (kept for setWidth). */
  private source = "";
  /** The part not yet frozen. */
  private tail = "";
  private dirty = true;
  private done = false;
  private readonly out: Row[] = [];
  private frozen = 0;
  private links: Links = Object.create(null) as Links;
  private list: OpenList | null = null;
  private fence: OpenFence | null = null;
  private refBlocks: RefBlock[] = [];
  /** Length of the open tail when it was last lexed. */
  private lexedTail = 0;
  private prov: ProvisionalText | null = null;
  /** The open tail is a short paragraph that plain text can lengthen without a lex. */
  private paragraph: OpenParagraph | null = null;
  /** Off only in the test that holds the rows `paragraph` gives to those of a lex. */
  private extendParagraphs = true;
  /** A blank line made the tail re-lex without freezing anything: wait for it to double. */
  private blankTried = false;
  /** Code units passed through marked's lexer by this stream. */
  lexedBytes = 0;

  constructor(
    private width: number,
    private readonly theme: Theme,
    private readonly options: RenderOptions = {},
  ) {
    this.width = Math.max(1, Math.floor(width));
    this.renderer = new BlockRenderer(theme, options);
  }

  /** Frozen rows first, then the provisional rows of the open tail. */
  get rows(): readonly Row[] {
    return this.out;
  }

  /** Rows that will never change (a prefix of `rows`). */
  get frozenRows(): number {
    return this.frozen;
  }

  /** Adds text; cheap: sanitizes the chunk and appends, nothing is lexed here. */
  append(text: string): void {
    if (this.done) throw new Error("MarkdownStream: append after finish");
    const clean = this.sanitizer.push(text);
    if (clean.length === 0) return;
    this.source += clean;
    this.tail += clean;
    this.dirty = true;
  }

  /** Re-renders the open tail; returns the first row index that may have changed. */
  update(): number {
    if (!this.dirty) return this.out.length;
    const op = this.paragraph;
    if (op && this.tail.length < PROVISIONAL_FROM && op.accepts(this.tail)) {
      return this.rerender(() => op.extend(this.tail, this.out), op.firstChange);
    }
    const p = this.prov;
    if (p) {
      p.scan(this.tail);
      if (p.oneLine || !this.relexDue(p)) {
        const styler = p.restyleDue(this.tail) ? this.styler : undefined;
        return this.rerender(() => p.extend(this.tail, this.out, styler), p.firstChange(styler !== undefined));
      }
    }
    const before = this.tail.length;
    const first = this.rerender(() => this.advance(false));
    if (this.tail.length < before) this.blankTried = false;
    return first;
  }

  /** Whether the provisional text has grown enough, or may have ended a block, to lex again. */
  private relexDue(p: ProvisionalText): boolean {
    if (this.tail.length >= this.lexedTail * RELEX_GROWTH) {
      this.blankTried = false;
      return true;
    }
    if (this.blankTried || !p.blankLine) return false;
    this.blankTried = true;
    return true;
  }

  /** Lays out text known to lengthen the open paragraph's last line (for ProvisionalText). */
  private readonly styler: InlineStyler = (text, sink) => {
    this.lexedBytes += text.length;
    const tokens = lexInline(text, this.links);
    renderCounters.blocksRendered++;
    this.renderer.prepare(text);
    this.renderer.inline(tokens, this.theme.text, sink);
  };

  /** End of text: everything becomes final. Returns the first row index that changed. */
  finish(): number {
    if (this.done) return this.out.length;
    const rest = this.sanitizer.flush();
    this.source += rest;
    this.tail += rest;
    this.done = true;
    let early = this.out.length;
    const first = this.rerender(() => {
      this.advance(true);
      early = this.resolveLateReferences();
    });
    return Math.min(first, early);
  }

  /** Lays everything out again for a new width (equal to a full render at that width). */
  setWidth(width: number): void {
    const w = Math.max(1, Math.floor(width));
    if (w === this.width) return;
    this.width = w;
    this.renderer = new BlockRenderer(this.theme, this.options);
    this.out.length = 0;
    this.frozen = 0;
    this.links = Object.create(null) as Links;
    this.list = null;
    this.fence = null;
    this.refBlocks = [];
    this.lexedTail = 0;
    this.blankTried = false;
    this.tail = this.source;
    this.advance(this.done);
    if (this.done) this.resolveLateReferences();
    this.dirty = false;
  }

  /** Runs `work`, which rewrites rows from `from` on; returns the first row that changed. */
  private rerender(work: () => void, from = this.frozen): number {
    const old = this.out.slice(from);
    work();
    this.dirty = false;
    const end = Math.min(old.length, this.out.length - from);
    // Unchanged rows keep their identity, so caches keyed on row objects stay valid.
    for (let i = 0; i < end; i++) {
      if (!rowsEqual(old[i]!, this.out[from + i]!)) return from + i;
      this.out[from + i] = old[i]!;
    }
    return old.length === this.out.length - from ? this.out.length : from + end;
  }

  private lex(src: string): Token[] {
    this.lexedBytes += src.length;
    return lexMarkdown(src, this.links);
  }

  /** Appends final rows. */
  private freezeRows(rows: readonly Row[]): void {
    this.out.length = this.frozen;
    for (const r of rows) this.out.push(r);
    this.frozen = this.out.length;
  }

  /** Freezes one top-level block (with the blank row before it). */
  private freezeBlock(tok: Token): void {
    renderCounters.blocksRendered++;
    const rows = this.renderer.block(tok, this.width, this.theme.text, 0);
    this.learnLinks(tok);
    if (rows.length === 0) return;
    const sep = this.frozen > 0 ? [EMPTY_ROW] : [];
    const start = this.frozen + sep.length;
    this.freezeRows([...sep, ...rows]);
    if (tok.raw.includes("[")) this.refBlocks.push({ raw: tok.raw, start, end: this.frozen, linksKnown: countLinks(this.links) });
  }

  /** Freezes a list that continues frozen items: numbering goes on, no blank row before. */
  private freezeListRest(list: Tokens.List, open: OpenList): void {
    renderCounters.blocksRendered++;
    this.renderer.prepare(list.raw);
    const rows = this.renderer.listItems(list, 0, open.next, this.width, this.theme.text, 0);
    this.learnLinks(list);
    const start = this.frozen;
    this.freezeRows(rows);
    if (list.raw.includes("[")) this.refBlocks.push({ raw: list.raw, start, end: this.frozen, linksKnown: countLinks(this.links), number: open.next });
  }

  private freezeItem(list: Tokens.List, index: number, number: number, first: boolean): void {
    renderCounters.blocksRendered++;
    const item = list.items[index]!;
    const gap = itemEndsWithBlank(item);
    this.renderer.prepare(item.raw);
    const rows = this.renderer.listItem(list, item, number, this.width, this.theme.text, 0);
    this.learnLinks(item);
    const sep = first && this.frozen > 0 ? [EMPTY_ROW] : [];
    const start = this.frozen + sep.length;
    this.freezeRows([...sep, ...rows, ...(gap ? [EMPTY_ROW] : [])]);
    if (item.raw.includes("[")) this.refBlocks.push({ raw: item.raw, start, end: this.frozen, linksKnown: countLinks(this.links), number, item: true, gap });
  }

  /** Reference definitions in frozen text apply to what follows (first definition wins). */
  private learnLinks(tok: Token): void {
    if (tok.type === "def") {
      const def = tok as Tokens.Def;
      if (!(def.tag in this.links)) this.links[def.tag] = { href: def.href, title: def.title };
      return;
    }
    if (tok.type === "list") for (const item of (tok as Tokens.List).items) this.learnLinks(item);
    else if ((tok.type === "blockquote" || tok.type === "list_item") && "tokens" in tok && tok.tokens) for (const t of tok.tokens) this.learnLinks(t);
  }

  /** Moves the freeze point as far as the text allows and lays out the rest provisionally. */
  private advance(final: boolean): void {
    this.prov = null;
    this.paragraph = null;
    for (;;) {
      if (this.fence) {
        if (!this.advanceFence(final)) return;
        continue;
      }
      this.advanceBlocks(final);
      if (!this.fence) return;
    }
  }

  private advanceBlocks(final: boolean): void {
    this.out.length = this.frozen;
    if (this.tail.length === 0) return;
    let src = this.tail;
    const provisional = !final && src.length >= PROVISIONAL_FROM;
    // Lex up to the last space of the last line, so the provisional text starts a word.
    if (provisional) src = src.slice(0, lastWordEnd(src));
    if (!final) {
      const nl = src.lastIndexOf("\n");
      const partial = src.slice(nl + 1);
      if (partial.length > 0 && partial.length < 16 && AMBIGUOUS_LINE.test(partial)) src = src.slice(0, nl + 1);
    }
    this.lexedBytes += src.length;
    const staged = lexInStages(src, this.links);
    const tokens = staged.tokens;
    const offsets: number[] = [];
    let at = 0;
    for (const t of tokens) {
      offsets.push(at);
      at += t.raw.length;
    }
    let cut = final ? tokens.length : this.freezePoint(tokens, offsets, src);
    // Which items of an open list will freeze is decided on block tokens, before inline lexing.
    let open = cut;
    while (open < tokens.length && tokens[open]!.type === "space") open++;
    const alone = open < tokens.length && tokens.slice(open + 1).every((t) => t.type === "space");
    const openList = !final && alone && tokens[open]!.type === "list" ? (tokens[open] as Tokens.List) : null;
    const items = openList ? this.finishedItems(openList, offsets[open]!) : 0;
    staged.inline([...tokens.slice(0, cut), ...(openList ? openList.items.slice(0, items) : [])]);
    for (let i = 0; i < cut; i++) {
      const tok = tokens[i]!;
      if (i === 0 && this.list && tok.type === "list") this.freezeListRest(tok as Tokens.List, this.list);
      else if (tok.type !== "space") this.freezeBlock(tok);
      this.list = null;
    }
    if (final) {
      this.tail = "";
      return;
    }
    const unlexed = this.tail.length - src.length;
    const restAt = cut < tokens.length ? offsets[cut]! : src.length;
    this.tail = this.tail.slice(restAt);
    this.lexedTail = this.tail.length;
    if (open < tokens.length) {
      const openAt = offsets[open]! - restAt;
      if (openList && items > 0) {
        this.freezeItems(openList, items, openAt);
        renderCounters.blocksRendered++;
        this.renderer.prepare(openList.raw);
        for (const r of this.renderer.listItems(openList, items, this.list!.next, this.width, this.theme.text, 0)) this.out.push(r);
      } else if (alone && tokens[open]!.type === "code" && this.openFence(tokens[open] as Tokens.Code, openAt)) return;
      else if (this.extendParagraphs && !provisional && unlexed === 0 && open === tokens.length - 1 && OpenParagraph.fits(tokens[open]!)) {
        this.out.length = this.frozen;
        if (this.frozen > 0) this.out.push(EMPTY_ROW);
        renderCounters.blocksRendered++;
        this.paragraph = OpenParagraph.layout(tokens[open] as Tokens.Paragraph, this.renderer, this.width, this.theme.text, this.out, this.tail);
      } else this.layoutTail(tokens.slice(open));
    }
    if (!provisional) return;
    const last = tokens.at(-1);
    const goesOn = open < tokens.length && !src.endsWith("\n") && last !== undefined && endsInText(last);
    this.startProvisional(this.tail.length - unlexed, goesOn, goesOn && alone && last === tokens[open] && last.type === "paragraph");
  }

  /**
   * Shows the tail from `start` on as provisional text: on from the last lexed row when
   * the text goes on from it (`goesOn`), else from a row of its own.
   */
  private startProvisional(start: number, goesOn: boolean, paragraph: boolean): void {
    const last = this.out.length > this.frozen ? this.out[this.out.length - 1]! : undefined;
    let at = start;
    const resume = goesOn && last !== undefined && last.fill === undefined && last.width < this.width;
    if (resume) this.out.pop();
    // On a row of its own, line breaks before the text would only add blank rows.
    else while (this.tail.charCodeAt(at) === 10) at++;
    this.prov = new ProvisionalText(this.width, this.theme.text, this.out.length, at, resume ? last : undefined, paragraph);
    this.prov.extend(this.tail, this.out);
  }

  /** Lays out the unfrozen tokens as provisional rows. */
  private layoutTail(tokens: Token[]): void {
    this.out.length = this.frozen;
    let first = true;
    for (const tok of tokens) {
      if (tok.type === "space") continue;
      if (first && this.list && tok.type === "list") {
        renderCounters.blocksRendered++;
        this.renderer.prepare(tok.raw);
        for (const r of this.renderer.listItems(tok as Tokens.List, 0, this.list.next, this.width, this.theme.text, 0)) this.out.push(r);
      } else renderTokens([tok], this.width, this.renderer, this.out);
      first = false;
    }
  }

  /** Index of the first token to keep open: everything before it is provably complete. */
  private freezePoint(tokens: readonly Token[], offsets: readonly number[], src: string): number {
    let last = tokens.length - 1;
    while (last >= 0 && tokens[last]!.type === "space") last--;
    for (let j = last; j > 0; j--) {
      if (tokens[j]!.type === "space") continue;
      let prev = j - 1;
      while (prev >= 0 && tokens[prev]!.type === "space") prev--;
      if (prev < 0) return 0;
      if (this.safeBoundary(tokens[prev]!, src.slice(offsets[prev]!, offsets[j]!), src, offsets[j]!)) return j;
    }
    return 0;
  }

  private safeBoundary(prev: Token, gap: string, src: string, at: number): boolean {
    const first = src.indexOf("\n", at);
    const lines = first < 0 ? 0 : src.indexOf("\n", first + 1) < 0 ? 1 : 2;
    const blank = /\n[ \t]*\n$/.test(gap);
    const indented = prev.type === "code" && (prev as Tokens.Code).codeBlockStyle === "indented";
    if (blank) {
      if (prev.type === "list" || prev.type === "html" || indented) return lines >= 1;
      return true;
    }
    if (prev.type === "def") return false;
    if (prev.type === "heading" || prev.type === "hr" || (prev.type === "code" && !indented)) return gap.endsWith("\n");
    return lines >= 2;
  }

  /**
   * The open block is a top-level list at `at` in the tail: how many items are finished,
   * each followed by an item whose first line is complete.
   */
  private finishedItems(list: Tokens.List, at: number): number {
    let pos = at;
    let k = 0;
    for (let i = 0; i < list.items.length; i++) {
      const raw = list.items[i]!.raw;
      if (!this.tail.startsWith(raw, pos)) return 0;
      if (i > 0 && this.tail.indexOf("\n", pos) >= 0) k = i;
      pos += raw.length;
    }
    return k;
  }

  /** Freezes the first `k` items; the tail then starts at the next item (`at`: the list). */
  private freezeItems(list: Tokens.List, k: number, at: number): void {
    let start = at;
    for (let i = 0; i < k; i++) start += list.items[i]!.raw.length;
    const open: OpenList = this.list ?? { next: typeof list.start === "number" ? list.start : 1 };
    const firstOfList = this.list === null;
    for (let i = 0; i < k; i++) {
      this.freezeItem(list, i, open.next, firstOfList && i === 0);
      open.next++;
    }
    this.list = open;
    this.tail = this.tail.slice(start);
  }

  /** The open block is a fence whose opening line is complete: switch to line mode. */
  private openFence(code: Tokens.Code, at: number): boolean {
    if (code.codeBlockStyle === "indented") return false;
    const m = OPENING_FENCE.exec(code.raw);
    if (!m) return false;
    const lineEnd = this.tail.indexOf("\n", at);
    if (lineEnd < 0) return false;
    const fence = m[2]!;
    const content = this.tail.slice(lineEnd + 1);
    // marked found a closing line: the block is complete and simply waits for what follows.
    if (code.raw.length > lineEnd + 1 - at && closesFence(code.raw.slice(code.raw.lastIndexOf("\n") + 1), fence)) return false;
    const indent = fence[0] === "`" && m[1]!.length > 0 ? m[1]!.length : 0;
    this.fence = { fence, indent, block: new CodeBlock(fenceLanguage(code.lang), this.width, this.theme) };
    if (this.frozen > 0) this.freezeRows([EMPTY_ROW]);
    this.list = null;
    this.tail = content;
    return true;
  }

  private contentLine(line: string): string {
    const f = this.fence!;
    if (f.indent === 0) return line;
    const lead = /^\s+/.exec(line);
    return lead ? line.slice(Math.min(lead[0].length, f.indent)) : line;
  }

  /** Freezes completed code lines. Returns true when the fence closed (blocks follow). */
  private advanceFence(final: boolean): boolean {
    const f = this.fence!;
    let from = 0;
    let closedAt = -1;
    for (;;) {
      const nl = this.tail.indexOf("\n", from);
      if (nl < 0) break;
      const line = this.tail.slice(from, nl);
      if (closesFence(line, f.fence)) {
        closedAt = nl;
        break;
      }
      this.freezeRows(f.block.line(this.contentLine(line)));
      from = nl + 1;
    }
    if (closedAt >= 0) {
      this.closeFence();
      this.tail = this.tail.slice(closedAt);
      return true;
    }
    const partial = this.tail.slice(from);
    this.tail = partial;
    this.out.length = this.frozen;
    if (final) {
      if (partial.length > 0 && !closesFence(partial, f.fence)) this.freezeRows(f.block.line(this.contentLine(partial)));
      this.closeFence();
      this.tail = "";
      return false;
    }
    if (partial.length > 0 && !/^ {0,3}[`~]*$/.test(partial)) for (const r of f.block.peek(this.contentLine(partial))) this.out.push(r);
    else if (f.block.lines === 0) for (const r of f.block.peek("")) this.out.push(r);
    return false;
  }

  private closeFence(): void {
    const f = this.fence!;
    if (f.block.lines === 0) this.freezeRows(f.block.line(""));
    this.fence = null;
  }

  /**
   * A definition that arrived after a block using its label changes that block (marked
   * resolves against the whole text): re-render those blocks now the text is complete.
   */
  private resolveLateReferences(): number {
    const labels = Object.keys(this.links);
    // Only blocks that mention a label defined after they froze can change.
    const late = this.refBlocks.filter((b) => {
      if (b.linksKnown >= labels.length) return false;
      // Labels are normalized as marked does (spaces collapsed, case folded).
      const raw = b.raw.replace(/\s+/g, " ").toLowerCase().toUpperCase().toLowerCase();
      for (let k = b.linksKnown; k < labels.length; k++) if (raw.includes(labels[k]!)) return true;
      return false;
    });
    if (late.length === 0) return this.out.length;
    const rebuilt: Row[] = [];
    let at = 0;
    for (const b of late) {
      for (let i = at; i < b.start; i++) rebuilt.push(this.out[i]!);
      for (const r of this.relayout(b)) rebuilt.push(r);
      at = b.end;
    }
    for (let i = at; i < this.out.length; i++) rebuilt.push(this.out[i]!);
    let first = 0;
    while (first < rebuilt.length && first < this.out.length && rowsEqual(rebuilt[first]!, this.out[first]!)) first++;
    this.out.length = 0;
    for (const r of rebuilt) this.out.push(r);
    this.frozen = this.out.length;
    return first;
  }

  private relayout(b: RefBlock): Row[] {
    const tokens = this.lex(b.raw).filter((t) => t.type !== "space");
    const base = this.theme.text;
    if (b.number !== undefined) {
      const list = tokens[0] as Tokens.List;
      this.renderer.prepare(b.raw);
      if (!b.item) return this.renderer.listItems(list, 0, b.number, this.width, base, 0);
      const rows = this.renderer.listItem(list, list.items[0]!, b.number, this.width, base, 0);
      return b.gap ? [...rows, EMPTY_ROW] : rows;
    }
    return renderTokens(tokens, this.width, this.renderer);
  }
}

/**
 * Where the last run of spaces or tabs in the last line of `s` starts. Line breaks stay on
 * the lexed side: a blank line is what lets a block freeze. A last line of one word is
 * lexed but for its last grapheme, which what comes next may still join (a VS16 widens
 * the character before it): the provisional rows measure that grapheme whole.
 */
function lastWordEnd(s: string): number {
  const nl = s.lastIndexOf("\n");
  let i = Math.max(s.lastIndexOf(" "), s.lastIndexOf("\t"));
  if (i <= nl) return nl === s.length - 1 ? s.length : lastGraphemeStart(s);
  while (i > nl + 1 && (s.charCodeAt(i - 1) === 32 || s.charCodeAt(i - 1) === 9)) i--;
  return i;
}

/** Whether a block's rows end with its text's last line (a paragraph, or one ending a list item or quote). */
function endsInText(tok: Token): boolean {
  if (tok.type === "paragraph" || tok.type === "text") return true;
  const inner =
    tok.type === "list" ? (tok as Tokens.List).items.at(-1)?.tokens : tok.type === "blockquote" ? (tok as Tokens.Blockquote).tokens : undefined;
  const last = inner?.findLast((t) => t.type !== "space");
  return last !== undefined && endsInText(last);
}

/** Whether `line` closes a fence opened with `fence` (marked's rule: up to 3 spaces, the fence or longer, spaces). */
function closesFence(line: string, fence: string): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  if (!line.startsWith(fence, i)) return false;
  i += fence.length;
  const ch = fence.charCodeAt(0);
  while (i < line.length && line.charCodeAt(i) === ch) i++;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i === line.length;
}
