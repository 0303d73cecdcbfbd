/** `petrel config`: the effective configuration, where each value comes from, secrets masked. */
import { maskSecret, type Settings, type Sourced } from "../config/resolve.ts";
import { parseFlags } from "./flags.ts";
import { PROVIDER_OPTIONS, settingsFrom } from "./settings.ts";

const options = { help: { type: "boolean", short: "h" }, ...PROVIDER_OPTIONS } as const;

export const CONFIG_HELP = `petrel config — show the effective configuration

Usage:
  petrel config [--provider NAME] [--model NAME] [--base-url URL] [--timeout SECONDS]
                [--system TEXT]

Prints each setting, its value and where it came from (flag, environment, config
file or default). Flags win over environment variables, which win over the file.
API keys are masked.
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, options, false);
  if (values.help) {
    process.stdout.write(CONFIG_HELP);
    return 0;
  }
  process.stdout.write(describeSettings(settingsFrom(values)));
  return 0;
}

export function describeSettings(s: Settings): string {
  const rows: [string, string, string][] = [];
  const row = (name: string, v: Sourced<unknown>, shown = v.value === undefined ? "—" : String(v.value)) =>
    rows.push([name, shown, v.source]);
  row("provider", s.provider);
  row("model", s.model);
  if (s.provider.value === "openai" || s.provider.value === "anthropic") {
    row("base_url", s.baseUrl);
    row("api_key", s.apiKey, s.apiKey.value === undefined ? "—" : maskSecret(s.apiKey.value));
    row("timeout", s.timeout, `${s.timeout.value} s`);
    row("system", s.system, s.system.value === undefined ? "—" : oneLine(s.system.value));
    if (s.provider.value === "anthropic") row("thinking", s.thinking, s.thinking.value === undefined ? "off" : `${s.thinking.value} tokens`);
  }
  if (s.provider.value === "demo") {
    row("demo speed", s.demoSpeed, `${s.demoSpeed.value} chars/s`);
    row("demo seed", s.seed);
  }
  if (s.replay)
    rows.push(["replay", s.replay.file, "flag --replay"], ["speed", s.replay.speed === Infinity ? "as fast as possible" : `${s.replay.speed}×`, "flag --speed"]);
  const nameWidth = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.max(...rows.map((r) => r[1].length));
  const lines = [
    `config file  ${s.file.path}${s.file.exists ? "" : " (not found)"}`,
    `sessions     ${s.sessionsDir}`,
    "",
    ...rows.map(([n, v, src]) => `${n.padEnd(nameWidth)}  ${v.padEnd(valueWidth)}  ${src}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** A system prompt shown on its row: first line, shortened, with the total length. */
function oneLine(text: string): string {
  const first = text.split("\n", 1)[0]!;
  const shown = first.length > 48 ? `${first.slice(0, 47)}…` : first;
  return shown === text ? JSON.stringify(text) : `${JSON.stringify(shown)} (${text.length} chars)`;
}
