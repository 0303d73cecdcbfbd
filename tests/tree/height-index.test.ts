import { expect, test } from "bun:test";
import fc from "fast-check";
import { HeightIndex } from "../../src/tree/height-index.ts";

test("prefix sums and lookups match a plain array under random edits", () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(20), { minLength: 1, maxLength: 300 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(20)), { maxLength: 50 }),
      (initial, edits) => {
        const index = new HeightIndex();
        const plain = [...initial];
        for (const h of initial) index.push(h);
        for (const [at, h] of edits) {
          plain[at % plain.length] = h;
          index.set(at % plain.length, h);
        }
        let above = 0;
        for (let i = 0; i < plain.length; i++) {
          expect(index.top(i)).toBe(above);
          for (let r = 0; r < plain[i]!; r++) expect(index.find(above + r)).toEqual({ index: i, offset: r });
          above += plain[i]!;
        }
        expect(index.total).toBe(above);
      },
    ),
    { numRuns: 200 },
  );
});

test("rows past the end map to the last row of the last node", () => {
  const index = new HeightIndex();
  index.push(3);
  index.push(2);
  expect(index.find(99)).toEqual({ index: 1, offset: 1 });
  expect(index.find(-5)).toEqual({ index: 0, offset: 0 });
});
