/**
 * Dark and light themes. Text colours are palette indices (0–15) so the user's terminal
 * theme shows through; truecolor is used only for backgrounds the palette has no good
 * choice for (code blocks, code spans, selection).
 */
import { Attr, type Color, type Style, style } from "./style.ts";

/** Colours of highlighted code; every style carries the code background. */
export interface CodeTheme {
  readonly bg: Color;
  readonly text: Style;
  readonly keyword: Style;
  readonly string: Style;
  readonly number: Style;
  readonly comment: Style;
  readonly type: Style;
  readonly func: Style;
  readonly builtin: Style;
  readonly literal: Style;
  readonly property: Style;
  readonly tag: Style;
  readonly attr: Style;
  readonly variable: Style;
  readonly meta: Style;
  readonly regexp: Style;
  readonly add: Style;
  readonly remove: Style;
  readonly hunk: Style;
  readonly diffMeta: Style;
}

export interface UiTheme {
  readonly user: Style;
  readonly userMarker: Style;
  readonly reasoning: Style;
  readonly toolName: Style;
  readonly toolArgs: Style;
  readonly toolRunning: Style;
  readonly toolDone: Style;
  readonly toolFailed: Style;
  readonly error: Style;
  readonly notice: Style;
  readonly muted: Style;
  readonly selection: Style;
  readonly accent: Style;
  readonly diffAdd: Style;
  readonly diffRemove: Style;
  readonly diffHunk: Style;
  readonly diffMeta: Style;
}

export interface Theme {
  readonly name: "dark" | "light";
  readonly text: Style;
  /** h1…h6, distinct per level. */
  readonly headings: readonly [Style, Style, Style, Style, Style, Style];
  readonly headingMarker: Style;
  readonly emphasis: Style;
  readonly strong: Style;
  readonly strike: Style;
  readonly codeSpan: Style;
  readonly link: Style;
  readonly linkUrl: Style;
  readonly image: Style;
  readonly quoteBar: Style;
  readonly quoteText: Style;
  readonly listMarker: Style;
  readonly taskDone: Style;
  readonly taskOpen: Style;
  readonly rule: Style;
  readonly tableBorder: Style;
  readonly tableHeader: Style;
  readonly html: Style;
  readonly code: CodeTheme;
  readonly ui: UiTheme;
}

const { BOLD, DIM, ITALIC, UNDERLINE, STRIKE } = Attr;

// Palette indices: 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan; +8 = bright.
function codeTheme(bg: Color, p: { kw: Color; str: Color; num: Color; type: Color; fn: Color; prop: Color; comment: Color }): CodeTheme {
  const on = (fg: Color | undefined, attrs = 0) => style({ ...(fg !== undefined && { fg }), bg, attrs });
  return {
    bg,
    text: on(undefined),
    keyword: on(p.kw),
    string: on(p.str),
    number: on(p.num),
    comment: on(p.comment, ITALIC),
    type: on(p.type),
    func: on(p.fn),
    builtin: on(p.type, ITALIC),
    literal: on(p.num),
    property: on(p.prop),
    tag: on(p.kw),
    attr: on(p.prop),
    variable: on(p.prop),
    meta: on(p.comment),
    regexp: on(p.str, ITALIC),
    add: on(2),
    remove: on(1),
    hunk: on(6),
    diffMeta: on(undefined, BOLD),
  };
}

function uiTheme(selectionBg: Color): UiTheme {
  return {
    user: style({ attrs: BOLD }),
    userMarker: style({ fg: 6, attrs: BOLD }),
    reasoning: style({ attrs: DIM | ITALIC }),
    toolName: style({ fg: 6, attrs: BOLD }),
    toolArgs: style({ attrs: DIM }),
    toolRunning: style({ fg: 3 }),
    toolDone: style({ fg: 2 }),
    toolFailed: style({ fg: 1, attrs: BOLD }),
    error: style({ fg: 1, attrs: BOLD }),
    notice: style({ fg: 3 }),
    muted: style({ attrs: DIM }),
    selection: style({ bg: selectionBg }),
    accent: style({ fg: 6 }),
    diffAdd: style({ fg: 2 }),
    diffRemove: style({ fg: 1 }),
    diffHunk: style({ fg: 6 }),
    diffMeta: style({ attrs: BOLD }),
  };
}

function markdownTheme(name: "dark" | "light", spanBg: Color, code: CodeTheme, ui: UiTheme): Theme {
  return {
    name,
    text: style(),
    headings: [
      style({ fg: 5, attrs: BOLD | UNDERLINE }),
      style({ fg: 5, attrs: BOLD }),
      style({ fg: 6, attrs: BOLD }),
      style({ fg: 6 }),
      style({ attrs: BOLD | ITALIC }),
      style({ attrs: DIM | ITALIC }),
    ],
    headingMarker: style({ attrs: DIM }),
    emphasis: style({ attrs: ITALIC }),
    strong: style({ attrs: BOLD }),
    strike: style({ attrs: STRIKE }),
    codeSpan: style({ fg: name === "dark" ? 11 : 1, bg: spanBg }),
    link: style({ fg: 4, attrs: UNDERLINE }),
    linkUrl: style({ attrs: DIM }),
    image: style({ fg: 4, attrs: ITALIC }),
    quoteBar: style({ fg: 8 }),
    quoteText: style({ attrs: ITALIC }),
    listMarker: style({ fg: 6 }),
    taskDone: style({ fg: 2 }),
    taskOpen: style({ fg: 3 }),
    rule: style({ fg: 8 }),
    tableBorder: style({ fg: 8 }),
    tableHeader: style({ attrs: BOLD }),
    html: style({ attrs: DIM }),
    code,
    ui,
  };
}

export const darkTheme: Theme = markdownTheme(
  "dark",
  "#2b3140",
  codeTheme("#1f2430", { kw: 13, str: 10, num: 11, type: 14, fn: 12, prop: 6, comment: 8 }),
  uiTheme("#34405a"),
);

export const lightTheme: Theme = markdownTheme(
  "light",
  "#e8eaee",
  codeTheme("#f2f3f5", { kw: 5, str: 2, num: 3, type: 6, fn: 4, prop: 4, comment: 8 }),
  uiTheme("#cfd8ea"),
);

export function themeByName(name: "dark" | "light"): Theme {
  return name === "light" ? lightTheme : darkTheme;
}
