/** The status line's context and cost figures, and where the window and prices come from. */
import { expect, test } from "bun:test";
import { modelFigures } from "../../src/config/model-figures.ts";
import { parseConfig } from "../../src/config/file.ts";
import { knownContextWindow } from "../../src/provider/context-windows.ts";
import { contextText, costText } from "../../src/view/status/usage-figures.ts";

test("known windows by the longest prefix, past a router's vendor/ part", () => {
  expect(knownContextWindow("gpt-4o-mini")).toBe(128_000);
  expect(knownContextWindow("gpt-4-0613")).toBe(8_192);
  expect(knownContextWindow("gpt-4.1-mini")).toBe(1_047_576);
  expect(knownContextWindow("anthropic/claude-sonnet-4-5")).toBe(200_000);
  expect(knownContextWindow("my-local-finetune")).toBeUndefined();
});

test("context used: the last request's prompt and answer, of the window when known", () => {
  expect(contextText({ inputTokens: 0, outputTokens: 0 }, 128_000)).toBeNull();
  expect(contextText({ inputTokens: 12_000, outputTokens: 400 }, 128_000)).toBe("ctx 12k/128k 10%");
  expect(contextText({ inputTokens: 1_500, outputTokens: 0 }, undefined)).toBe("ctx 1.5k");
  expect(contextText({ inputTokens: 190_000, outputTokens: 20_000 }, 200_000)).toBe("ctx 210k/200k 105%");
});

test("cost only when prices are configured", () => {
  const turn = { inputTokens: 10_000, outputTokens: 1_000 };
  const total = { inputTokens: 100_000, outputTokens: 10_000 };
  expect(costText(turn, total, undefined)).toBeNull();
  expect(costText(turn, total, { input: 3, output: 15 })).toBe("$0.045 turn · $0.450 total");
});

test("config: the provider's table wins over the top level, a configured window over the table", () => {
  const values = parseConfig(`context_window = 32768\ninput_price = 1\n[openai]\noutput_price = 2\n[anthropic]\ncontext_window = 100000\n`, "/x/config.toml");
  const openai = modelFigures(values, "openai");
  expect(openai.contextWindow("gpt-4o")).toBe(32_768);
  expect(openai.prices).toEqual({ input: 1, output: 2 });
  expect(modelFigures(values, "anthropic").contextWindow("claude-opus-4")).toBe(100_000);
  const bare = modelFigures({}, "openai");
  expect(bare.contextWindow("gpt-4o")).toBe(128_000);
  expect(bare.prices).toBeUndefined();
  expect(() => parseConfig(`context_window = 1.5\n`, "/x/config.toml")).toThrow('"context_window" must be an integer');
});
