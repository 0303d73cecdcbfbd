/**
 * The effective configuration: flags win over environment variables, which win over
 * config.toml, which wins over built-in defaults. Each value remembers where it came
 * from, for `petrel config`. With no API key anywhere and no provider chosen, the
 * provider is the offline demo.
 */
import { OPENAI_DEFAULT_BASE_URL } from "../provider/openai.ts";
import { ANTHROPIC_DEFAULT_BASE_URL, MIN_THINKING_BUDGET } from "../provider/anthropic.ts";
import { PROVIDER_NAMES, type ProviderName, type ProviderSpec } from "../provider/create.ts";
import { DEMO_MODEL } from "../provider/demo/demo.ts";
import { DEFAULT_CPS } from "../provider/demo/pacing.ts";
import { MAX_TIMER_MS } from "../provider/clock.ts";
import { ConfigError, readConfigFile, type ConfigFile } from "./file.ts";
import { configFile, sessionsDir, type Env } from "./paths.ts";

export interface Flags {
  provider?: string;
  model?: string;
  baseUrl?: string;
  /** Seconds. */
  timeout?: number;
  system?: string;
  thinking?: number;
  seed?: number;
  demoSpeed?: number;
  replay?: string;
  speed?: number;
}

export interface Sourced<T> {
  value: T;
  /** "flag --model", "env PETREL_MODEL", "config.toml [openai] model", "default", "auto". */
  source: string;
}

export interface Settings {
  file: ConfigFile;
  sessionsDir: string;
  provider: Sourced<ProviderName>;
  model: Sourced<string>;
  baseUrl: Sourced<string>;
  apiKey: Sourced<string | undefined>;
  timeout: Sourced<number>;
  system: Sourced<string | undefined>;
  /** Anthropic's extended thinking budget in tokens; undefined: off. */
  thinking: Sourced<number | undefined>;
  seed: Sourced<number | undefined>;
  demoSpeed: Sourced<number>;
  replay?: { file: string; speed: number };
}

const DEFAULT_MODELS: Record<ProviderName, string> = {
  demo: DEMO_MODEL,
  openai: "gpt-4o-mini",
  anthropic: "claude-sonnet-4-5",
  replay: "recording",
};
const DEFAULT_TIMEOUT_SECONDS = 90;
const MAX_TIMEOUT_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

const KEY_ENV = { openai: "OPENAI_API_KEY", anthropic: "ANTHROPIC_API_KEY" } as const;
const BASE_URL_ENV = { openai: "OPENAI_BASE_URL", anthropic: "ANTHROPIC_BASE_URL" } as const;

/** Throws ConfigError for a bad file or an unknown provider name. */
export function resolveSettings(flags: Flags, env: Env): Settings {
  const file = readConfigFile(configFile(env));
  /** A reader for config.toml values of one type; an empty string counts as unset. */
  const fromFile =
    <T extends string | number>(type: "string" | "number") =>
    (table: string, key: string): Sourced<T> | undefined => {
      const v = file.values[table]?.[key];
      return typeof v === type && v !== "" ? { value: v as T, source: `config.toml${table ? ` [${table}]` : ""} ${key}` } : undefined;
    };
  const str = fromFile<string>("string");
  const num = fromFile<number>("number");
  const fromEnv = (name: string): Sourced<string> | undefined => {
    const v = env[name];
    return v !== undefined && v !== "" ? { value: v, source: `env ${name}` } : undefined;
  };
  const fromFlag = <T>(flag: string, v: T | undefined): Sourced<T> | undefined =>
    v !== undefined ? { value: v, source: `flag --${flag}` } : undefined;

  const keyFor = (p: "openai" | "anthropic") => fromEnv(KEY_ENV[p]) ?? str(p, "api_key");

  let providerChoice: Sourced<string> | undefined =
    fromFlag("provider", flags.provider) ?? fromEnv("PETREL_PROVIDER") ?? str("", "provider");
  if (flags.replay !== undefined) {
    if (flags.provider !== undefined && flags.provider !== "replay")
      throw new ConfigError(`--replay plays a recording; it cannot be combined with --provider ${flags.provider}`);
    providerChoice = { value: "replay", source: "flag --replay" };
  }
  let provider: Sourced<ProviderName>;
  if (providerChoice) {
    if (!(PROVIDER_NAMES as readonly string[]).includes(providerChoice.value))
      throw new ConfigError(
        `unknown provider "${providerChoice.value}" (from ${providerChoice.source}); choose one of demo, openai, anthropic`,
      );
    if (providerChoice.value === "replay" && flags.replay === undefined)
      throw new ConfigError(`the replay provider needs a file: petrel --replay FILE`);
    provider = providerChoice as Sourced<ProviderName>;
  } else if (keyFor("openai")) provider = { value: "openai", source: "auto (an OpenAI key is set)" };
  else if (keyFor("anthropic")) provider = { value: "anthropic", source: "auto (an Anthropic key is set)" };
  else provider = { value: "demo", source: "auto (no API key configured)" };

  const p = provider.value;
  const remote = p === "openai" || p === "anthropic" ? p : undefined;
  const model =
    fromFlag("model", flags.model) ??
    fromEnv("PETREL_MODEL") ??
    (remote || p === "demo" ? str(p, "model") : undefined) ??
    str("", "model") ?? { value: DEFAULT_MODELS[p], source: "default" };
  const defaultBase = p === "anthropic" ? ANTHROPIC_DEFAULT_BASE_URL : p === "openai" ? OPENAI_DEFAULT_BASE_URL : "";
  const baseUrl =
    fromFlag("base-url", flags.baseUrl) ??
    (remote ? (fromEnv(BASE_URL_ENV[remote]) ?? str(remote, "base_url")) : undefined) ??
    str("", "base_url") ?? { value: defaultBase, source: remote ? "default" : "not used" };
  const apiKey: Sourced<string | undefined> = remote ? (keyFor(remote) ?? { value: undefined, source: "not set" }) : { value: undefined, source: "not used" };
  const timeout = fromFlag("timeout", flags.timeout) ?? num("", "timeout") ?? { value: DEFAULT_TIMEOUT_SECONDS, source: "default" };
  if (!(timeout.value > 0)) throw new ConfigError(`timeout must be a positive number of seconds (from ${timeout.source})`);
  // A timer holds at most MAX_TIMER_MS; a longer wait would fire at once, so it means "as long as a timer can".
  if (timeout.value > MAX_TIMEOUT_SECONDS)
    Object.assign(timeout, { value: MAX_TIMEOUT_SECONDS, source: `${timeout.source}, clamped to ${MAX_TIMEOUT_SECONDS} s` });
  const system: Sourced<string | undefined> = fromFlag("system", flags.system) ?? fromEnv("PETREL_SYSTEM") ?? str("", "system") ?? { value: undefined, source: "not set" };
  if (flags.thinking !== undefined && p !== "anthropic")
    throw new ConfigError(`--thinking is for the anthropic provider; this one is ${p} (from ${provider.source})`);
  const thinking: Sourced<number | undefined> =
    p === "anthropic" ? (fromFlag("thinking", flags.thinking) ?? num("anthropic", "thinking") ?? { value: undefined, source: "off" }) : { value: undefined, source: "not used" };
  if (thinking.value !== undefined && !(Number.isInteger(thinking.value) && thinking.value >= MIN_THINKING_BUDGET))
    throw new ConfigError(`the thinking budget must be a whole number of tokens, at least ${MIN_THINKING_BUDGET} (from ${thinking.source})`);
  const seed: Sourced<number | undefined> = fromFlag("seed", flags.seed) ?? num("demo", "seed") ?? { value: undefined, source: "random" };
  const demoSpeed = fromFlag("demo-speed", flags.demoSpeed) ?? num("demo", "speed") ?? { value: DEFAULT_CPS, source: "default" };
  if (!(demoSpeed.value > 0)) throw new ConfigError(`the demo speed must be a positive number (from ${demoSpeed.source})`);

  const settings: Settings = { file, sessionsDir: sessionsDir(env), provider, model, baseUrl, apiKey, timeout, system, thinking, seed, demoSpeed };
  if (flags.replay !== undefined) settings.replay = { file: flags.replay, speed: flags.speed ?? 1 };
  return settings;
}

/** What to build the provider from. */
export function providerSpec(settings: Settings, model = settings.model.value): ProviderSpec {
  return {
    name: settings.provider.value,
    model,
    baseUrl: settings.baseUrl.value,
    apiKey: settings.apiKey.value,
    timeoutSeconds: settings.timeout.value,
    system: settings.system.value,
    thinkingBudget: settings.thinking.value,
    seed: settings.seed.value,
    demoCps: settings.demoSpeed.value,
    replayFile: settings.replay?.file,
    replaySpeed: settings.replay?.speed,
  };
}

/** A key shown without giving it away: "sk-…wxyz". */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `${secret.slice(0, 3)}…${secret.slice(-4)}` : "•".repeat(4);
}
