/**
 * Reads config.toml. Every problem becomes a ConfigError naming the file, the line
 * and what is wrong: Bun's TOML parser reports no position, so the line is found by
 * parsing ever longer prefixes until the same error appears; type errors are placed
 * on the line that sets the key.
 */
import { readFileSync } from "node:fs";
import { PERMISSION_MODES } from "../agent/permission.ts";
import { parseRule, RuleError } from "../agent/rules.ts";

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Kind = "string" | "number" | "integer" | "strings";

/** What the status line needs to know of a model: its window in tokens, its prices in USD per million tokens. */
const MODEL_FIGURES = { context_window: "integer", input_price: "number", output_price: "number" } as const;

/** Every key config.toml may set, by table ("" is the top level). */
export const SCHEMA: Record<string, Record<string, Kind>> = {
  "": { provider: "string", model: "string", base_url: "string", timeout: "number", system: "string", compact_at: "number", ...MODEL_FIGURES },
  openai: { api_key: "string", base_url: "string", model: "string", ...MODEL_FIGURES },
  anthropic: { api_key: "string", base_url: "string", model: "string", thinking: "integer", ...MODEL_FIGURES },
  demo: { speed: "number", seed: "integer" },
  permissions: { mode: "string", allow: "strings", deny: "strings", ask: "strings" },
};

const SECRET_LINE = /^\s*["']?api_key["']?\s*=/;

export type FileValue = string | number | string[];
export type FileValues = Record<string, Record<string, FileValue>>;

export interface ConfigFile {
  path: string;
  exists: boolean;
  /** Values by table, then key: `values.openai?.api_key`. */
  values: FileValues;
}

export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { path, exists: false, values: {} };
    throw new ConfigError(`cannot read the config file ${path}: ${code ?? String(err)}`);
  }
  return { path, exists: true, values: parseConfig(text, path) };
}

export function parseConfig(text: string, path: string): FileValues {
  let parsed: Record<string, unknown>;
  try {
    parsed = Bun.TOML.parse(text) as Record<string, unknown>;
  } catch (err) {
    const message = tomlMessage(err);
    const line = errorLine(text, message);
    // The parser quotes the text it choked on; on a line that sets a key, that text is the secret.
    const secret = SECRET_LINE.test(text.split(/\r?\n/)[line - 1] ?? "");
    throw new ConfigError(
      `${path}, line ${line}: ${secret ? 'api_key must be a quoted string, like api_key = "sk-…" (the value is not shown: it is a secret)' : message}`,
    );
  }
  const values: FileValues = { "": {} };
  for (const [key, value] of Object.entries(parsed)) {
    if (SCHEMA[key] && key !== "") {
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw new ConfigError(`${path}, line ${lineOfKey(text, "", key)}: "${key}" must be a table ([${key}])`);
      values[key] = checkTable(text, path, key, value as Record<string, unknown>);
    } else {
      Object.assign(values[""]!, checkTable(text, path, "", { [key]: value }));
    }
  }
  return values;
}

function checkTable(text: string, path: string, table: string, entries: Record<string, unknown>): Record<string, FileValue> {
  const schema = SCHEMA[table]!;
  const out: Record<string, FileValue> = {};
  for (const [key, value] of Object.entries(entries)) {
    const where = () => `${path}, line ${lineOfKey(text, table, key)}`; // only needed for an error
    const name = table ? `${table}.${key}` : key;
    const kind = schema[key];
    if (!kind) {
      const known = Object.keys(schema).join(", ");
      throw new ConfigError(`${where()}: unknown setting "${name}" (known${table ? ` in [${table}]` : ""}: ${known})`);
    }
    const ok =
      kind === "string" ? typeof value === "string"
      : kind === "number" ? typeof value === "number"
      : kind === "strings" ? Array.isArray(value) && value.every((v) => typeof v === "string")
      : Number.isInteger(value);
    if (!ok) throw new ConfigError(`${where()}: "${name}" must be ${KIND_NAMES[kind]}, not ${key === "api_key" ? `a ${typeof value}` : describe(value)}`);
    if (table === "permissions") checkPermission(key, value as FileValue, (message) => new ConfigError(`${where()}: ${message}`));
    out[key] = value as FileValue;
  }
  return out;
}

const KIND_NAMES: Record<Kind, string> = { string: "a string", number: "a number", integer: "an integer", strings: "an array of strings" };

function checkPermission(key: string, value: FileValue, error: (message: string) => ConfigError): void {
  if (key === "mode" && !(PERMISSION_MODES as readonly unknown[]).includes(value))
    throw error(`permissions.mode must be one of ${PERMISSION_MODES.join(", ")}, not ${JSON.stringify(value)}`);
  if (Array.isArray(value))
    for (const rule of value)
      try {
        parseRule(rule);
      } catch (err) {
        if (err instanceof RuleError) throw error(`in permissions.${key}: ${err.message}`);
        throw err;
      }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null || value === undefined) return "empty";
  if (typeof value === "object") return "a table";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function tomlMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const message = raw.replace(/^TOML Parse error:\s*/i, "").replace("(0x0A)", "the end of the line");
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/** The first line at which a prefix of the document fails the way the whole does. */
function errorLine(text: string, message: string): number {
  const lines = text.split(/\r?\n/);
  for (let n = 1; n <= lines.length; n++) {
    try {
      Bun.TOML.parse(`${lines.slice(0, n).join("\n")}\n`);
    } catch (err) {
      if (tomlMessage(err) === message) return n;
    }
  }
  return lines.length;
}

/** The line that sets `key` inside `[table]` (1-based); 1 when it cannot be found. */
function lineOfKey(text: string, table: string, key: string): number {
  const lines = text.split(/\r?\n/);
  let current = "";
  const keyPattern = new RegExp(`^\\s*("?)${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\1\\s*=`);
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(lines[i]!);
    if (header) current = header[1]!;
    else if (current === table && keyPattern.test(lines[i]!)) return i + 1;
    else if (table === "" && current === "" && lines[i]!.trim().startsWith(`${key}.`)) return i + 1;
  }
  return 1;
}
