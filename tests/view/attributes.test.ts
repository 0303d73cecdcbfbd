import { expect, test } from "bun:test";
import { TextAttributes } from "@opentui/core";
import { Attr } from "../../src/render/style.ts";

test("the attribute bits rows carry are OpenTUI's TextAttributes, so the view passes them through", () => {
  expect({ ...Attr } as Record<string, number>).toEqual({
    BOLD: TextAttributes.BOLD,
    DIM: TextAttributes.DIM,
    ITALIC: TextAttributes.ITALIC,
    UNDERLINE: TextAttributes.UNDERLINE,
    INVERSE: TextAttributes.INVERSE,
    STRIKE: TextAttributes.STRIKETHROUGH,
  });
});
