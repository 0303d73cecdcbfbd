/** The default command's flags; `run.ts` reads them to find a subcommand after flags that take values. */
import { PROVIDER_OPTIONS } from "./settings.ts";

export const CHAT_OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  fps: { type: "string" },
  resume: { type: "boolean" },
  print: { type: "boolean", short: "p" },
  json: { type: "boolean" },
  color: { type: "string" },
  stats: { type: "boolean" },
  theme: { type: "string" },
  "heap-snapshot": { type: "string" },
  ...PROVIDER_OPTIONS,
} as const;
