/**
 * `bun run bench [section...] [--quick] [--json] [--rate BYTES_PER_SEC] [--long]`
 *
 * Runs benchmark sections and prints their reports; `--json` prints the same as one JSON
 * object instead. Sections live in scripts/bench/, one file each, exporting `run(opts)`:
 *
 *   render  markdown rendering: petrel's renderer against marked and marked-terminal
 *   tui     petrel vs naive vs OpenTUI-idiomatic transcripts, streaming after histories
 *           of 10, 1,000 and 10,000 messages (a few minutes)
 *   long    a 2-hour-equivalent session through petrel: heap growth and RSS (`--long`)
 *   agent-long  an 8-hour agent session (tool-heavy, compacted within a 128k window):
 *           the view's heap growth, per-frame cost over time, request sizes (`--long`)
 *
 * With no section named: render and tui; `--long` runs long and agent-long; `--quick` runs every
 * section at small sizes (well under a minute; the smoke test uses it).
 */
import { parseArgs } from "node:util";

export interface BenchOptions {
  quick: boolean;
  json: boolean;
  args: string[];
  /** Stream rate in bytes per second of simulated time (default 4096). */
  rate: number;
}

type Section = () => Promise<{ run(opts: BenchOptions): Promise<unknown> }>;

const sections: Record<string, Section> = {
  render: () => import("./bench/render.ts"),
  tui: () => import("./bench/tui.ts"),
  long: () => import("./bench/long.ts"),
  "agent-long": () => import("./bench/agent-long.ts"),
};

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { quick: { type: "boolean" }, json: { type: "boolean" }, rate: { type: "string" }, long: { type: "boolean" } },
  strict: false,
  allowPositionals: true,
});
const rate = values.rate === undefined ? 4096 : Number(values.rate);
if (!Number.isFinite(rate) || rate <= 0) {
  console.error(`bench: --rate wants bytes per second, got ${String(values.rate)}`);
  process.exit(2);
}
const unknown = positionals.filter((p) => !(p in sections));
if (unknown.length > 0) {
  console.error(`bench: no section ${unknown.join(", ")} (sections: ${Object.keys(sections).join(", ")})`);
  process.exit(2);
}
let names: string[];
if (positionals.length > 0) names = positionals;
else if (values.long) names = ["long", "agent-long"];
else if (values.quick) names = Object.keys(sections);
else names = ["render", "tui"];

const opts: BenchOptions = { quick: !!values.quick, json: !!values.json, args: process.argv.slice(2), rate };
const results: Record<string, unknown> = {};
for (const name of names) {
  const section = await sections[name]!();
  results[name] = await section.run(opts);
  if (!values.json) console.log("");
}
if (values.json) console.log(JSON.stringify(results, null, 2));
