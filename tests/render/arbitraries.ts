/**
 * fast-check generators for markdown an LLM (or an attacker) might send: every block
 * construct, inline markup that may stay unclosed, wide and combining characters, and
 * control/escape sequences of every family.
 */
import fc from "fast-check";

const word = fc.constantFrom(
  "the", "render", "stream", "a", "petrel", "width", "x", "of", "terminal", "rows", "code",
  "中文", "字符", "é", "e\u0301", "👨‍👩‍👧‍👦", "🇯🇵", "❤️", "ｱｲｳ", "naïve", "—", "&amp;", "&copy;", "&#x41;", "&bogus;",
  "supercalifragilisticexpialidocious", "https://example.com/a/very/long/path/that/will/not/fit/anywhere?q=1",
  "\\*", "\\_", "a_b_c", "snake_case", "1.", "#", "|", "<", ">", "[", "]", "(", ")",
);

const hostile = fc.constantFrom(
  "\x1b[31m", "\x1b[0m", "\x1b[2J", "\x1b]0;title\x07", "\x1b]52;c;aGVsbG8=\x07", "\x1b]8;;http://evil\x1b\\", "\x1bP1$r\x1b\\",
  "\x1b_apc\x1b\\", "\x1b^pm\x1b\\", "\x1bXsos\x1b\\", "\x1b(B", "\x1bc", "\x1b", "\x9b31m", "\x9d0;t\x07", "\x85", "\x07", "\x00",
  "\x08", "\x0b", "\x0c", "\r", "\r\n", "\x7f", "\u202e", "\u2066", "\ud800", "\udc00", "\ud83d", "\t",
);

const inlineAtom = fc.oneof(
  { weight: 8, arbitrary: word },
  { weight: 1, arbitrary: hostile },
  { weight: 2, arbitrary: fc.constantFrom("**", "*", "_", "__", "`", "``", "~~", "~") },
  { weight: 1, arbitrary: word.map((w) => `**${w}**`) },
  { weight: 1, arbitrary: word.map((w) => `*${w}*`) },
  { weight: 1, arbitrary: word.map((w) => `\`${w}\``) },
  { weight: 1, arbitrary: word.map((w) => `~~${w}~~`) },
  { weight: 1, arbitrary: word.map((w) => `[${w}](https://example.com/${encodeURIComponent(w)})`) },
  { weight: 1, arbitrary: fc.constantFrom("<https://petrel.dev>", "www.example.org", "me@example.com", "![alt](img.png)", "<b>", "</b>", "[ref][r1]", "[r1]") },
);

const inline = fc
  .array(fc.tuple(inlineAtom, fc.constantFrom(" ", " ", " ", "", "  \n", "\n")), { minLength: 1, maxLength: 14 })
  .map((parts) => parts.map(([a, sep]) => a + sep).join("").trimEnd());

const codeLine = fc.constantFrom(
  "const x = 1; // comment", "def f(a):", "    return a * 2", "fn main() { println!(\"hi\"); }", "/* open", "close */",
  "\"\"\"doc", "\tindented\twith tabs", "SELECT * FROM t;", "<div class=\"x\">", "  key: value # c", "+added", "-removed",
  "@@ -1 +1 @@", "echo $HOME", "`", "~~~", "```", "    ```", "中文 code 👍", "\x1b[31mred\x1b[0m", "x".repeat(120),
);
const lang = fc.constantFrom("", "ts", "python", "go", "rust", "bash", "json", "yaml", "diff", "html", "css", "sql", "unknown", "ts extra words");

const fence = fc
  .tuple(fc.constantFrom("```", "~~~", "````"), lang, fc.array(codeLine, { maxLength: 6 }), fc.boolean(), fc.constantFrom("", " ", "  "))
  .map(([f, l, lines, closed, indent]) => [indent + f + l, ...lines.map((x) => indent + x), ...(closed ? [indent + f] : [])].join("\n"));

const listItem = (depth: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom("- ", "* ", "+ ", "1. ", "2) ", "10. ", "- [ ] ", "- [x] "), inline, fc.boolean())
    .map(([m, text, nested]) => `${"  ".repeat(depth)}${m}${text}${nested && depth < 2 ? `\n${"  ".repeat(depth + 1)}- sub ${text.slice(0, 12)}` : ""}`);

const list = fc
  .tuple(fc.array(listItem(0), { minLength: 1, maxLength: 5 }), fc.constantFrom("\n", "\n\n"))
  .map(([items, sep]) => items.join(sep));

const table = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }), fc.array(inline, { minLength: 25, maxLength: 25 }), fc.constantFrom("---", ":--", "--:", ":-:"))
  .map(([cols, rows, cells, align]) => {
    const cell = (r: number, c: number) => (cells[(r * cols + c) % cells.length] ?? "").replaceAll("|", "\\|").replaceAll("\n", " ");
    const line = (r: number) => `| ${Array.from({ length: cols }, (_, c) => cell(r, c)).join(" | ")} |`;
    return [line(0), `|${Array(cols).fill(align).join("|")}|`, ...Array.from({ length: rows }, (_, r) => line(r + 1))].join("\n");
  });

const block = fc.oneof(
  { weight: 6, arbitrary: inline },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([n, t]) => `${"#".repeat(n)} ${t.replaceAll("\n", " ")}`) },
  { weight: 1, arbitrary: inline.map((t) => `${t.replaceAll("\n", " ")}\n${"=".repeat(3)}`) },
  { weight: 1, arbitrary: inline.map((t) => `${t.replaceAll("\n", " ")}\n---`) },
  { weight: 3, arbitrary: list },
  { weight: 3, arbitrary: fence },
  { weight: 1, arbitrary: fc.array(codeLine, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `    ${l}`).join("\n")) },
  { weight: 2, arbitrary: fc.tuple(inline, fc.constantFrom("> ", "> > ", ">")).map(([t, q]) => t.split("\n").map((l) => q + l).join("\n")) },
  { weight: 2, arbitrary: table },
  { weight: 1, arbitrary: fc.constantFrom("---", "***", "___", "- - -") },
  { weight: 1, arbitrary: fc.constantFrom("<div>\nhtml *block*\n</div>", "<!-- comment -->", "<script>\nlet a = 1;\n\nlet b;\n</script>", "<pre>\n  x\n</pre>") },
  { weight: 1, arbitrary: fc.constantFrom("[r1]: https://example.com/r1", "[r2]: /local \"Title\"", "[R1]: https://dup.example") },
  { weight: 1, arbitrary: hostile },
);

/** A random markdown document of a few blocks. */
export const markdownDoc = fc
  .array(fc.tuple(block, fc.constantFrom("\n", "\n\n", "\n\n", "\n\n\n", "")), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([b, sep]) => b + sep).join(""));

/** `unit` repeated (joined by `sep`) until at least `n` long. */
const grow = (unit: string, n: number, sep: string) => Array.from({ length: Math.ceil(n / (unit.length + sep.length)) }, () => unit).join(sep);

/** Blocks past the stream's provisional threshold (2 KB): one-line and wrapped paragraphs, items, quotes, tables. */
const longBlock = fc
  .tuple(inline, fc.integer({ min: 2_500, max: 9_000 }), fc.constantFrom("paragraph", "lines", "item", "quote", "table", "word"))
  .map(([t, n, kind]) => {
    const line = t.replaceAll("\n", " ");
    switch (kind) {
      case "paragraph":
        return grow(line, n, " ");
      case "lines":
        return grow(t, n, "\n");
      case "item":
        return `- ${grow(line, n / 2, " ")}\n- ${grow(line, n / 2, " ")}`;
      case "quote":
        return `> ${grow(line, n, " ")}`;
      case "table":
        return `| a | b |\n|---|---|\n${grow(`| ${line.replaceAll("|", "\\|")} | x |`, n, "\n")}`;
      default:
        return grow("{\"k\":[1,2,\"v\"]}", n, ",");
    }
  });

/** A document with at least one long block among ordinary ones. */
export const longDoc = fc
  .tuple(markdownDoc, longBlock, fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: block }, { weight: 1, arbitrary: longBlock }), fc.constantFrom("\n", "\n\n", "")), { maxLength: 3 }), fc.constantFrom("\n", "\n\n", ""))
  .map(([before, long, after, sep]) => before + sep + long + sep + after.map(([b, s]) => b + s).join(""));

/**
 * Prose as models write it, with what can turn plain-looking text into markup once more
 * arrives: delimiters at word edges, URLs and emails typed in pieces, references,
 * escapes, combining marks and emoji that join the character before, runs of spaces.
 */
const proseAtom = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom("the", "stream", "renders", "only", "what", "changed", "a", "petrel", "x", "re-reads", "it's", "\"quoted\"", "50%", "#3", "$5", "a+b=c", "{k}", "1.", "2)", "—", "naïve", "中文", "ｱｲｳ", "supercalifragilisticexpialidocious") },
  { weight: 2, arbitrary: fc.constantFrom(".", ",", ":", ";", "!", "?", "/", "-", "--", "=", "+", "'", "#", "|", "www", "www.", "http", "https:", "//", "ftp:", "mailto:", "ww", "w.example.com", "example.com", "@", "me@", "host.org") },
  { weight: 2, arbitrary: fc.constantFrom("**", "*", "_", "__", "~", "~~", "`", "``", "\\", "\\*", "&", "&amp", "&amp;", "&#x41", ";", "[", "]", "(", ")", "<", ">", "![", "](", "<b>", "[r1]") },
  { weight: 2, arbitrary: fc.constantFrom("**bold**", "*em*", "_em_", "__strong__", "`code`", "~~del~~", "[link](https://example.com)", "<https://petrel.dev>", "www.example.org", "https://example.com/a", "me@example.com") },
  { weight: 1, arbitrary: fc.constantFrom("e\u0301", "\u0301", "❤", "\ufe0f", "❤️", "1\ufe0f\u20e3", "👨‍👩‍👧‍👦", "🇯", "🇵", "x\u20e3\u20e3", "\u00a0", "a\u00a0b", "x".repeat(90)) },
);

/** One or more paragraphs of prose (a line may start with markup), blocks around them. */
export const proseDoc = fc
  .tuple(
    fc.constantFrom("", "# Heading\n\n", "- item\n\n", "```ts\ncode\n```\n", "> quote\n\n"),
    fc.array(
      fc.tuple(
        fc.constantFrom("The ", "The ", "The ", "The ", "The ", "", "**Note:** ", "*", "`", "[", "1. ", "- ", "> ", "  ", "    ", "<div", "| a |", "==", "é"),
        fc.array(fc.tuple(proseAtom, fc.constantFrom(" ", " ", " ", " ", " ", " ", " ", " ", "", "", "  ", "\t", "\n", "   ")), { minLength: 20, maxLength: 80 }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    fc.constantFrom("", "\n", "\n\n", "\n\n- after\n"),
  )
  .map(([before, paras, after]) => before + paras.map(([lead, parts]) => lead + parts.map(([a, sep]) => a + sep).join("")).join("\n\n") + after);

/** Split points for a string of length n (may fall inside surrogate pairs and escapes). */
export function chunks(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of points) {
    if (p > at) out.push(text.slice(at, p));
    at = Math.max(at, p);
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
