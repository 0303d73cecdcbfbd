/** Builds a provider from a plain description (what configuration resolves to). */
import { AnthropicProvider } from "./anthropic.ts";
import type { Clock } from "./clock.ts";
import { DemoProvider } from "./demo/demo.ts";
import type { Provider } from "./events.ts";
import { OpenAiProvider } from "./openai.ts";
import { ReplayProvider } from "./replay.ts";

export const PROVIDER_NAMES = ["demo", "openai", "anthropic", "replay"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export interface ProviderSpec {
  name: ProviderName;
  model: string;
  baseUrl: string;
  apiKey?: string;
  /** Seconds of silence before a request or stream is abandoned. */
  timeoutSeconds: number;
  /** System prompt for the HTTP providers. */
  system?: string;
  /** Anthropic: extended thinking budget in tokens. */
  thinkingBudget?: number;
  /** Demo: seed and typing speed in characters per second. */
  seed?: number;
  demoCps?: number;
  /** Replay: the log or recording to play, and how many times faster. */
  replayFile?: string;
  replaySpeed?: number;
}

/** Throws ReplayError when a replay file cannot be read or holds nothing to play. */
export function createProvider(spec: ProviderSpec, clock?: Clock): Provider {
  switch (spec.name) {
    case "demo":
      return new DemoProvider({ model: spec.model, seed: spec.seed, cps: spec.demoCps, clock });
    case "openai":
    case "anthropic": {
      const options = {
        model: spec.model,
        baseUrl: spec.baseUrl,
        apiKey: spec.apiKey,
        timeoutMs: spec.timeoutSeconds * 1000,
        system: spec.system,
        clock,
      };
      return spec.name === "openai"
        ? new OpenAiProvider(options)
        : new AnthropicProvider({ ...options, thinkingBudget: spec.thinkingBudget });
    }
    case "replay":
      return ReplayProvider.fromFile(spec.replayFile ?? "", { speed: spec.replaySpeed, clock });
  }
}
