/** One golden test per construct: the plain text a reader sees, and the styles on it. */
import { describe, expect, test } from "bun:test";
import { lightTheme } from "../../src/render/theme.ts";
import { plain, styled } from "./show.ts";

const CODE = "bg#1f2430";

describe("headings", () => {
  test("ATX levels are distinct", () => {
    const md = "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six";
    expect(plain(md)).toEqual(["# One", "", "## Two", "", "### Three", "", "#### Four", "", "##### Five", "", "###### Six"]);
    const rows = styled(md).filter((r) => r !== "");
    expect(rows).toEqual([
      "{d|# }{b,u,fg5|One}",
      "{d|## }{b,fg5|Two}",
      "{d|### }{b,fg6|Three}",
      "{d|#### }{fg6|Four}",
      "{d|##### }{b,i|Five}",
      "{d|###### }{d,i|Six}",
    ]);
    expect(new Set(rows.map((r) => r.replace(/\|[^}]*}$/, ""))).size).toBe(6);
  });

  test("setext headings look like ATX ones", () => {
    expect(plain("Big\n===\n\nSmall\n-----")).toEqual(["# Big", "", "## Small"]);
    expect(styled("Big\n===")).toEqual(["{d|# }{b,u,fg5|Big}"]);
  });

  test("a long heading wraps under its text", () => {
    expect(plain("## a heading that wraps here", 16)).toEqual(["## a heading", "   that wraps", "   here"]);
  });
});

describe("paragraphs", () => {
  test("soft breaks join, hard breaks (two spaces or backslash) break", () => {
    expect(plain("soft\nbreak joins, hard  \nbreak and back\\\nslash", 30)).toEqual(["soft break joins, hard", "break and back", "slash"]);
  });

  test("word wrap at spaces, never wider than the width", () => {
    expect(plain("the quick brown fox jumps over the lazy dog", 12)).toEqual(["the quick", "brown fox", "jumps over", "the lazy dog"]);
  });

  test("words and URLs longer than the width are broken", () => {
    expect(plain("https://example.com/a/really/long/url/that/breaks", 30)).toEqual(["https://example.com/a/really/l", "ong/url/that/breaks"]);
    expect(plain("go supercalifragilistic", 8)).toEqual(["go", "supercal", "ifragili", "stic"]);
  });

  test("wide and combining characters count by cells", () => {
    expect(plain("中文字符中文字符 中文", 10)).toEqual(["中文字符中", "文字符", "中文"]);
    expect(plain("👨‍👩‍👧‍👦 🇯🇵 e\u0301 ❤️", 30)).toEqual(["👨‍👩‍👧‍👦 🇯🇵 e\u0301 ❤️"]);
  });
});

describe("inline", () => {
  test("emphasis, strong, strikethrough, code spans", () => {
    expect(plain("*em* **strong** ~~gone~~ `code` ***both***")).toEqual(["em strong gone code both"]);
    expect(styled("*em* **strong** ~~gone~~ `code` ***both***")).toEqual([
      "{i|em} {b|strong} {s|gone} {fg11,bg#2b3140|code} {b,i|both}",
    ]);
  });

  test("links: text plus a dim URL, both carrying the target", () => {
    expect(plain("see [the docs](https://petrel.dev/docs) now", 30)).toEqual(["see the docs", "(https://petrel.dev/docs) now"]);
    expect(styled("see [the docs](https://petrel.dev/docs) now", 30)).toEqual([
      "see {u,fg4,->https://petrel.dev/docs|the docs}",
      "{d,->https://petrel.dev/docs|(https://petrel.dev/docs)} now",
    ]);
  });

  test("links where the terminal has OSC 8: the text alone carries the target", () => {
    expect(styled("see [the docs](https://petrel.dev/docs)", 40, undefined, { hyperlinks: true })).toEqual([
      "see {u,fg4,->https://petrel.dev/docs|the docs}",
    ]);
  });

  test("autolinks show the address once", () => {
    expect(styled("<https://a.io> www.b.org c@d.io")).toEqual([
      "{u,fg4,->https://a.io|https://a.io} {u,fg4,->http://www.b.org|www.b.org} {u,fg4,->mailto:c@d.io|c@d.io}",
    ]);
  });

  test("images are alt text and URL", () => {
    expect(styled("![a cat](cat.png)")).toEqual(["{i,fg4,->cat.png|image: a cat}{d,->cat.png| (cat.png)}"]);
  });

  test("escapes and entities", () => {
    expect(plain("\\*not em\\* &amp; &copy; &#x263A; &nope; &#0;")).toEqual(["*not em* & © ☺ &nope; \ufffd"]);
  });

  test("inline HTML is literal text", () => {
    expect(styled("inline <b>tag</b>")).toEqual(["inline {d|<b>}tag{d|</b>}"]);
  });
});

describe("lists", () => {
  test("bullets nest with a hanging indent on wrapped rows", () => {
    expect(plain("- one\n- two is long enough to wrap onto the next row\n  - nested\n    - deeper", 30)).toEqual([
      "• one",
      "• two is long enough to wrap",
      "  onto the next row",
      "  ◦ nested",
      "    ▪ deeper",
    ]);
    expect(styled("- one")).toEqual(["{fg6|• }one"]);
  });

  test("ordered lists keep their start number", () => {
    expect(plain("7. seven\n8. eight\n9. nine\n10. ten")).toEqual(["7. seven", "8. eight", "9. nine", "10. ten"]);
    expect(plain("3. x\n3. y")).toEqual(["3. x", "4. y"]);
  });

  test("task lists", () => {
    expect(styled("- [x] done\n- [ ] todo")).toEqual(["{fg6|• }{fg2|[x] }done", "{fg6|• }{fg3|[ ] }todo"]);
  });

  test("a blank line between items is kept, per item", () => {
    expect(plain("- a\n\n- b\n- c")).toEqual(["• a", "", "• b", "• c"]);
  });

  test("an item holding paragraphs and code", () => {
    expect(plain("1. Install:\n\n   ```bash\n   bun i\n   ```\n\n   then run", 30)).toEqual(["1. Install:", "", "    bun i", "", "   then run"]);
  });
});

describe("blockquotes", () => {
  test("the bar is on every wrapped row, nested quotes stack bars", () => {
    expect(plain("> quoted text long enough to wrap on the next row\n>\n> > nested", 30)).toEqual([
      "│ quoted text long enough to",
      "│ wrap on the next row",
      "│",
      "│ │ nested",
    ]);
    expect(styled("> q")).toEqual(["{fg8|│} {i|q}"]);
  });

  test("a list inside a quote", () => {
    expect(plain("> - a\n> - b")).toEqual(["│ • a", "│ • b"]);
  });
});

describe("code", () => {
  test("fenced code: background filled to the edge, highlighted", () => {
    expect(plain("```ts\nconst a = 1; // one\n```", 30)).toEqual([" const a = 1; // one"]);
    expect(styled("```ts\nconst a = 1; // one\n```", 30)).toEqual([
      `{${CODE}| }{fg13,${CODE}|const}{${CODE}| a = }{fg11,${CODE}|1}{${CODE}|; }{i,fg8,${CODE}|// one}~#1f2430`,
    ]);
  });

  test("indented code, and code longer than the width wraps hard", () => {
    expect(styled("    plain code\n    second")).toEqual([`{${CODE}| plain code}~#1f2430`, `{${CODE}| second}~#1f2430`]);
    expect(plain("```\nabcdefghijkl\n```", 8)).toEqual([" abcdef", " ghijkl"]);
  });

  test("tabs in code expand to 4-column stops", () => {
    expect(plain("```\na\tb\n\tc\n```")).toEqual([" a   b", "     c"]);
  });

  test("an unclosed fence runs to the end", () => {
    expect(plain("```py\nx = 1\n\nmore")).toEqual([" x = 1", " ", " more"]);
  });

  test("the light theme has its own code background", () => {
    expect(styled("```\nx\n```", 10, lightTheme)).toEqual(["{bg#f2f3f5| x}~#f2f3f5"]);
  });
});

describe("tables", () => {
  test("alignment and borders", () => {
    expect(plain("| L | C | R |\n|:--|:-:|--:|\n| a | b | c |\n| long cell text | x | 1 |", 30)).toEqual([
      "┌────────────────┬───┬───┐",
      "│ L              │ C │ R │",
      "├────────────────┼───┼───┤",
      "│ a              │ b │ c │",
      "│ long cell text │ x │ 1 │",
      "└────────────────┴───┴───┘",
    ]);
    expect(styled("| h |\n|---|\n| v |")[1]).toBe("{fg8|│} {b|h} {fg8|│}");
  });

  test("columns shrink and cells wrap to fit the width", () => {
    const md = "| name | description |\n|---|---|\n| petrel | a terminal chat client that stays fast |";
    expect(plain(md, 30)).toEqual([
      "┌────────┬───────────────────┐",
      "│ name   │ description       │",
      "├────────┼───────────────────┤",
      "│ petrel │ a terminal chat   │",
      "│        │ client that stays │",
      "│        │ fast              │",
      "└────────┴───────────────────┘",
    ]);
  });

  test("too many columns for the width: header: value lines", () => {
    expect(plain("| a | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |", 12)).toEqual(["a: 1", "b: 2", "c: 3", "d: 4"]);
  });
});

describe("other blocks", () => {
  test("horizontal rule spans the width", () => {
    expect(plain("a\n\n---\n\nb", 10)).toEqual(["a", "", "──────────", "", "b"]);
  });

  test("HTML blocks are literal text", () => {
    expect(plain("<div>\n*raw*\n</div>")).toEqual(["<div>", "*raw*", "</div>"]);
    expect(styled("<div>x</div>")).toEqual(["{d|<div>x</div>}"]);
  });

  test("reference links resolve against definitions anywhere; definitions print nothing", () => {
    expect(plain("see [docs][d]\n\n[d]: https://x.io", 40)).toEqual(["see docs (https://x.io)"]);
  });
});
