/**
 * petrel's lexer is marked's with a cheap guard in front of `lheading`: the tokens must be
 * marked's own, token for token, and the guard must actually keep marked's regex away
 * from paragraphs that hold no underline.
 */
import { afterEach, describe, expect, test } from "bun:test";
import fc from "fast-check";
import { Lexer, Tokenizer } from "marked";
import { lexInStages, lexMarkdown } from "../../src/render/lex.ts";

const marked = (src: string) => new Lexer({ gfm: true, breaks: false, pedantic: false }).lex(src);

const words = fc.constantFrom("the", "setext", "heading", "a", "*em*", "**b**", "`c`", "[l](u)", "&amp;", "x_y", "\\", "=", "-", "#", ">", "|", "中文", "é");
const text = fc.array(words, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(" "));

// Lines that end, continue or interrupt a paragraph, and every near miss of an underline.
const line = fc.oneof(
  { weight: 6, arbitrary: text },
  {
    weight: 4,
    arbitrary: fc.constantFrom("=", "===", "-", "--", "---", "  ---", "   ===  ", "    ---", "---\t", "=== ", "= =", "-- -", "===x", "--=", "\t===", " \t---", "----------"),
  },
  { weight: 2, arbitrary: fc.constantFrom("***", "* * *", "___", "_ _ _", "- - -", "*_*", "**") },
  { weight: 2, arbitrary: fc.constantFrom("- item", "* item", "+ item", "1. item", "2) item", "-item", "1.item", "1234567890. x", "-", "- ") },
  { weight: 2, arbitrary: fc.constantFrom("# h", "#h", "###### h", "####### h", "#", "> q", ">", ">>", "```", "```js", "~~~", "~~", "   ```") },
  { weight: 2, arbitrary: fc.constantFrom("| a | b |", "|---|---|", "--|--", ":-: | :-:", "|", "a | b", "| :-- |") },
  { weight: 1, arbitrary: fc.constantFrom("<div>", "</div>", "<!-- c -->", "<!--", "<?php x ?>", "<!DOCTYPE x>", "<![CDATA[ x ]]>", "<script>", "<span>", "<pre>") },
  { weight: 3, arbitrary: fc.constantFrom("", "", "  ", "\t", "\u00a0", "\f", "\v") },
  { weight: 1, arbitrary: fc.constantFrom("[r]: https://x.io", "    code", "\tcode", "a\rb", "x\u2028y", "a  ", "a\\") },
);

const prefix = fc.constantFrom("", "", "", "", "> ", "  ", "   ", "- ", "1. ");

/** Lines of mixed blocks with no blank line required between them, some inside containers. */
const doc = (longLine: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(fc.tuple(prefix, fc.oneof({ weight: 20, arbitrary: line }, { weight: 1, arbitrary: longLine })), { minLength: 1, maxLength: 14 }), fc.boolean())
    .map(([lines, nl]) => lines.map(([p, l]) => p + l).join("\n") + (nl ? "\n" : ""));

describe("petrel's lexer gives marked's tokens", () => {
  test("random blocks: setext headings, rules, lists, tables, quotes, HTML", () => {
    fc.assert(
      fc.property(doc(fc.constant("")), (src) => {
        expect(lexMarkdown(src)).toEqual(marked(src));
      }),
      { numRuns: 1500 },
    );
  }, 30_000);

  test("with lines long enough for marked's lheading to leave the regex JIT", () => {
    const long = fc.tuple(text, fc.integer({ min: 6_000, max: 9_000 })).map(([t, n]) => `${t} `.repeat(Math.ceil(n / (t.length + 1))).slice(0, n));
    fc.assert(
      fc.property(doc(long), (src) => {
        expect(lexMarkdown(src)).toEqual(marked(src));
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  test("lexing in stages gives the same tokens", () => {
    fc.assert(
      fc.property(doc(fc.constant("")), (raw) => {
        const src = raw.replace(/\r\n?/g, "\n");
        const staged = lexInStages(src, Object.create(null));
        staged.inline(staged.tokens);
        expect([...staged.tokens]).toEqual([...marked(src)]);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe("the guard in front of marked's lheading", () => {
  const original = Tokenizer.prototype.lheading;
  let calls = 0;
  const counting = () => {
    calls = 0;
    Tokenizer.prototype.lheading = function (this: Tokenizer, src: string) {
      calls++;
      return original.call(this, src);
    };
  };
  afterEach(() => {
    Tokenizer.prototype.lheading = original;
  });

  const paragraph = (n: number, lineLength = Infinity) => {
    const words = ["petrel", "streams", "a", "long", "answer", "without", "any", "break"];
    let s = "";
    let col = 0;
    for (let i = 0; s.length < n; i++) {
      const w = words[i % words.length]!;
      const sep = s.length === 0 ? "" : col + 1 + w.length > lineLength ? "\n" : " ";
      col = sep === "\n" ? w.length : col + sep.length + w.length;
      s += sep + w;
    }
    return s;
  };

  test("a long paragraph with no underline never reaches marked's rule", () => {
    counting();
    lexMarkdown(paragraph(64_000));
    lexMarkdown(paragraph(64_000, 80));
    lexMarkdown(`> ${paragraph(20_000)}\n\n- ${paragraph(20_000)}\n`);
    expect(calls).toBe(0);
  });

  test("an underline in the paragraph hands it to marked", () => {
    counting();
    const tokens = lexMarkdown(`${paragraph(300, 80)}\n---\n\nafter\n`);
    expect(calls).toBe(1);
    expect(tokens[0]).toMatchObject({ type: "heading", depth: 2 });
  });

  test("an underline after a blank line or an interrupting line is not looked for", () => {
    counting();
    lexMarkdown(`${paragraph(2_000, 80)}\n\n===\n`);
    lexMarkdown(`${paragraph(2_000, 80)}\n# title\n===\n`);
    lexMarkdown(`${paragraph(2_000, 80)}\n- item\n---\n`);
    expect(calls).toBe(0);
  });
});
