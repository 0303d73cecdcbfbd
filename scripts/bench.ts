/**
 * `bun run bench [section...] [--quick] [--json]`: runs each benchmark section in this
 * process and prints its report. Sections live in scripts/bench/, one file each,
 * exporting `run(opts)`; figures are ratios against baselines run in the same process.
 */
import { parseArgs } from "node:util";

export interface BenchOptions {
  quick: boolean;
  json: boolean;
  args: string[];
}

type Section = () => Promise<{ run(opts: BenchOptions): Promise<unknown> }>;

const sections: Record<string, Section> = {};

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { quick: { type: "boolean" }, json: { type: "boolean" } },
  strict: false,
  allowPositionals: true,
});
const chosen = positionals.filter((p) => p in sections);
const names = chosen.length > 0 ? chosen : Object.keys(sections);
if (names.length === 0) {
  console.log("bench: not yet — no benchmark sections have landed");
  process.exit(0);
}
const results: Record<string, unknown> = {};
for (const name of names) {
  const section = await sections[name]!();
  results[name] = await section.run({ quick: !!values.quick, json: !!values.json, args: process.argv.slice(2) });
}
if (values.json) console.log(JSON.stringify(results, null, 2));
