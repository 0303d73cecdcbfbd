/**
 * The vocabulary every later stage shares: a row is a list of styled spans that is
 * never wider than the width it was rendered for. Rows are plain values, so the same
 * rows serialize to ANSI for `petrel render` and are copied into OpenTUI buffers by
 * the view without any markdown being parsed again.
 */

/** ANSI palette index (0-255), or "#rrggbb" for a truecolor value. */
export type Color = number | string;

/** Bit values match OpenTUI's TextAttributes so the view can pass them through. */
export const Attr = {
  BOLD: 1,
  DIM: 2,
  ITALIC: 4,
  UNDERLINE: 8,
  INVERSE: 32,
  STRIKE: 128,
} as const;

/**
 * Styles are interned (see `style()`): equal styles are the same object, so
 * consumers may key caches on identity and spans stay small.
 */
export interface Style {
  readonly fg?: Color;
  readonly bg?: Color;
  readonly attrs: number;
  /** Target of an OSC 8 hyperlink. */
  readonly link?: string;
}

export interface Span {
  readonly text: string;
  readonly style: Style;
  /** Terminal cells the text occupies. */
  readonly width: number;
}

export interface Row {
  readonly spans: readonly Span[];
  /** Sum of the spans' widths; never more than the width the row was rendered for. */
  readonly width: number;
  /** Background for the cells right of the last span (code blocks fill the row). */
  readonly fill?: Color;
}

const interned = new Map<string, Style>();
/** Per-style memos of `layer(style, over)` and `linked(style, url)`, hidden from enumeration and JSON. */
const LAYERS: unique symbol = Symbol("layers");
const LINKS: unique symbol = Symbol("links");
type Layered = Style & { readonly [LAYERS]: Map<Style, Style>; readonly [LINKS]: Map<string, Style> };

/** Returns the one shared Style object for these properties. */
export function style(props: { fg?: Color; bg?: Color; attrs?: number; link?: string } = {}): Style {
  const attrs = props.attrs ?? 0;
  const key = `${props.fg ?? ""}|${props.bg ?? ""}|${attrs}|${props.link ?? ""}`;
  let s = interned.get(key);
  if (!s) {
    const obj = {
      ...(props.fg !== undefined && { fg: props.fg }),
      ...(props.bg !== undefined && { bg: props.bg }),
      attrs,
      ...(props.link !== undefined && { link: props.link }),
    };
    Object.defineProperty(obj, LAYERS, { value: new Map<Style, Style>() });
    Object.defineProperty(obj, LINKS, { value: new Map<string, Style>() });
    s = Object.freeze(obj);
    interned.set(key, s);
  }
  return s;
}

/** `over`'s colors win where set; attributes add up. Interned like `style()`. */
export function layer(base: Style, over: Style): Style {
  if (over === PLAIN) return base;
  if (base === PLAIN) return over;
  // Renderers layer the same few styles millions of times: memoized by identity pair.
  const byOver = (base as Layered)[LAYERS];
  let s = byOver.get(over);
  if (!s) {
    s = style({
      fg: over.fg ?? base.fg,
      bg: over.bg ?? base.bg,
      attrs: base.attrs | over.attrs,
      link: over.link ?? base.link,
    });
    byOver.set(over, s);
  }
  return s;
}

/** The same style pointing at a hyperlink target (interned). */
export function linked(base: Style, link: string): Style {
  const byUrl = (base as Layered)[LINKS];
  let s = byUrl.get(link);
  if (!s) byUrl.set(link, (s = style({ fg: base.fg, bg: base.bg, attrs: base.attrs, link })));
  return s;
}

export const PLAIN: Style = style();
