import { parseFlags, positiveNumber } from "./flags.ts";
import { HELP } from "./help.ts";
import { VERSION } from "./version.ts";

const options = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  fps: { type: "string" },
} as const;

/** The default command: the interactive chat. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, options, false);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`petrel ${VERSION}\n`);
    return 0;
  }
  const fps = positiveNumber("fps", values.fps, 30);
  const { runApp } = await import("../view/app.ts");
  return runApp({ fps });
}
