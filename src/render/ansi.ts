/**
 * Rows → terminal text for `petrel render` and non-TTY output. Palette colours 0–15 and
 * attributes go through picocolors; 256-colour and truecolor values through raw SGR (which
 * picocolors lacks). Links: OSC 8 around linked spans when `hyperlinks` is on; the readable
 * fallback (text plus a dim URL) is decided earlier, in the rows (RenderOptions.hyperlinks),
 * so the same rows print well either way.
 */
import pc from "picocolors";
import { Attr, type Color, type Row, type Style } from "./style.ts";

export interface AnsiOptions {
  color: boolean;
  hyperlinks: boolean;
  /** Render width: rows with a `fill` are padded to it in the fill colour. */
  width?: number;
}

const colors = pc.createColors(true);
type Paint = (s: string) => string;

const FG: readonly Paint[] = [
  colors.black, colors.red, colors.green, colors.yellow, colors.blue, colors.magenta, colors.cyan, colors.white,
  colors.blackBright, colors.redBright, colors.greenBright, colors.yellowBright, colors.blueBright, colors.magentaBright, colors.cyanBright, colors.whiteBright,
];
const BG: readonly Paint[] = [
  colors.bgBlack, colors.bgRed, colors.bgGreen, colors.bgYellow, colors.bgBlue, colors.bgMagenta, colors.bgCyan, colors.bgWhite,
  colors.bgBlackBright, colors.bgRedBright, colors.bgGreenBright, colors.bgYellowBright, colors.bgBlueBright, colors.bgMagentaBright, colors.bgCyanBright, colors.bgWhiteBright,
];
const ATTRS: readonly [number, Paint][] = [
  [Attr.BOLD, colors.bold],
  [Attr.DIM, colors.dim],
  [Attr.ITALIC, colors.italic],
  [Attr.UNDERLINE, colors.underline],
  [Attr.INVERSE, colors.inverse],
  [Attr.STRIKE, colors.strikethrough],
];

function rawColor(c: Color, background: boolean): Paint | undefined {
  const [on, off] = background ? [48, 49] : [38, 39];
  if (typeof c === "number") {
    if (c < 16) return (background ? BG : FG)[c];
    return (s) => `\x1b[${on};5;${c}m${s}\x1b[${off}m`;
  }
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (!m) return undefined;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => Number.parseInt(h, 16));
  return (s) => `\x1b[${on};2;${r};${g};${b}m${s}\x1b[${off}m`;
}

const painters = new WeakMap<Style, Paint>();
/** Background painters for row fills, by colour (null: not a colour SGR can show). */
const fillPainters = new Map<Color, Paint | null>();

function fillPainter(c: Color): Paint | null {
  let p = fillPainters.get(c);
  if (p === undefined) fillPainters.set(c, (p = rawColor(c, true) ?? null));
  return p;
}

function painterFor(style: Style): Paint {
  let p = painters.get(style);
  if (p) return p;
  const steps: Paint[] = [];
  if (style.fg !== undefined) {
    const f = rawColor(style.fg, false);
    if (f) steps.push(f);
  }
  if (style.bg !== undefined) {
    const b = rawColor(style.bg, true);
    if (b) steps.push(b);
  }
  for (const [bit, paint] of ATTRS) if (style.attrs & bit) steps.push(paint);
  p = steps.length === 0 ? (s) => s : (s) => steps.reduce((acc, f) => f(acc), s);
  painters.set(style, p);
  return p;
}

/** Link targets come from model text: keep OSC 8 well-formed whatever they contain. */
function safeUrl(url: string): string {
  return url.replace(/[\x00-\x1f\x7f-\x9f]/g, "");
}

function osc8(url: string, text: string): string {
  return `\x1b]8;;${safeUrl(url)}\x1b\\${text}\x1b]8;;\x1b\\`;
}

/** The row's text without styling. */
export function rowToPlain(row: Row): string {
  let s = "";
  for (const sp of row.spans) s += sp.text;
  return s;
}

function rowToAnsi(row: Row, opts: AnsiOptions): string {
  let out = "";
  for (const sp of row.spans) {
    const painted = painterFor(sp.style)(sp.text);
    out += opts.hyperlinks && sp.style.link ? osc8(sp.style.link, painted) : painted;
  }
  if (row.fill !== undefined && opts.width !== undefined && opts.width > row.width) {
    const bg = fillPainter(row.fill);
    const pad = " ".repeat(opts.width - row.width);
    out += bg ? bg(pad) : pad;
  }
  return out;
}

/** Rows as terminal text, one line per row, each ending in "\n". */
export function rowsToAnsi(rows: readonly Row[], opts: AnsiOptions): string {
  const lines: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = opts.color ? rowToAnsi(rows[i]!, opts) : rowToPlain(rows[i]!);
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}
