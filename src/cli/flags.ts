import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in how petrel was invoked: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util's parseArgs in strict mode, with its multi-line, code-tagged errors
 * turned into one plain sentence a user can act on.
 */
export function parseFlags<const O extends Options>(argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError(describeParseError(err, argv));
  }
}

function describeParseError(err: unknown, argv: string[]): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${quoted ?? firstDashed(argv)} (see petrel --help)`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `option ${quoted?.split(" ")[0] ?? ""} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${quoted ?? ""} (see petrel --help)`;
    default:
      return message.split("\n")[0] ?? "invalid arguments";
  }
}

function firstDashed(argv: string[]): string {
  return argv.find((a) => a.startsWith("-")) ?? "";
}

/** Parses a flag value that must be a positive number, naming the flag when it is not. */
export function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} needs a positive number, got "${value}"`);
  return n;
}
