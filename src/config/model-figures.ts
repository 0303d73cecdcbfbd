/**
 * The context window and prices config.toml gives the model (in the provider's table,
 * else at the top level), for the status line. A configured window wins over the
 * built-in table; prices are never guessed, since they change.
 */
import { knownContextWindow } from "../provider/context-windows.ts";
import type { FileValues } from "./file.ts";

/** USD per million tokens, as providers publish them. */
export interface Prices {
  input: number;
  output: number;
}

export interface ModelFigures {
  /** The window of a model, in tokens, when known. */
  contextWindow(model: string): number | undefined;
  prices?: Prices;
}

export function modelFigures(values: FileValues, provider: string): ModelFigures {
  const pick = (key: string): number | undefined => {
    const v = values[provider]?.[key] ?? values[""]?.[key];
    return typeof v === "number" ? v : undefined;
  };
  const window = pick("context_window");
  const input = pick("input_price");
  const output = pick("output_price");
  const figures: ModelFigures = { contextWindow: (model) => window ?? knownContextWindow(model) };
  if (input !== undefined || output !== undefined) figures.prices = { input: input ?? 0, output: output ?? 0 };
  return figures;
}
