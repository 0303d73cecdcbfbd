/**
 * The flags every command that talks to a provider shares (--provider, --model,
 * --base-url, --timeout, --system, --thinking, demo and replay options), turned into resolved Settings.
 * Configuration mistakes become UsageErrors: one line, exit code 2.
 */
import { ConfigError } from "../config/file.ts";
import { resolveSettings, type Flags, type Settings } from "../config/resolve.ts";
import { positiveNumber, UsageError } from "./flags.ts";

export const PROVIDER_OPTIONS = {
  provider: { type: "string" },
  model: { type: "string" },
  "base-url": { type: "string" },
  timeout: { type: "string" },
  system: { type: "string" },
  thinking: { type: "string" },
  seed: { type: "string" },
  "demo-speed": { type: "string" },
  replay: { type: "string" },
  speed: { type: "string" },
} as const;

export interface ProviderFlagValues {
  provider?: string;
  model?: string;
  "base-url"?: string;
  timeout?: string;
  system?: string;
  thinking?: string;
  seed?: string;
  "demo-speed"?: string;
  replay?: string;
  speed?: string;
}

export function settingsFrom(values: ProviderFlagValues, env: Record<string, string | undefined> = process.env): Settings {
  const flags: Flags = {
    provider: values.provider,
    model: values.model,
    baseUrl: values["base-url"],
    system: values.system,
    replay: values.replay,
  };
  const baseUrl = values["base-url"];
  if (baseUrl !== undefined && !/^https?:$/.test(URL.parse(baseUrl)?.protocol ?? ""))
    throw new UsageError(`--base-url "${baseUrl}" is not a URL (it starts with http:// or https://)`);
  if (values.timeout !== undefined) flags.timeout = positiveNumber("timeout", values.timeout, 0);
  if (values.thinking !== undefined) flags.thinking = positiveNumber("thinking", values.thinking, 0);
  if (values["demo-speed"] !== undefined) flags.demoSpeed = positiveNumber("demo-speed", values["demo-speed"], 0);
  if (values.seed !== undefined) {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed needs a whole number, got "${values.seed}"`);
    flags.seed = seed;
  }
  if (values.speed !== undefined) {
    if (values.replay === undefined) throw new UsageError("--speed goes with --replay FILE");
    flags.speed = replaySpeed(values.speed);
  }
  try {
    return resolveSettings(flags, env);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** "0", "inf" and "infinity" mean as fast as possible; otherwise a positive factor. */
function replaySpeed(value: string): number {
  if (/^(0|inf|infinity|max)$/i.test(value.trim())) return Infinity;
  return positiveNumber("speed", value, 1);
}
