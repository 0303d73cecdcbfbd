/**
 * `bun run build [target...]` — standalone petrel executables in dist/.
 *
 * OpenTUI loads its native library from a per-platform package picked at run time.
 * Each binary must carry exactly its own platform's package at the pinned version:
 * a plugin resolves that one import to the package and turns every other platform's
 * import into a module that fails with a clear message. Targets whose native package
 * at the pinned version cannot be had are skipped with the reason (exit 0).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BunPlugin } from "bun";

interface Target {
  name: string;
  bunTarget: Bun.Build.CompileTarget;
  nativePackage: string;
  exe: string;
}

const TARGETS: Target[] = [
  { name: "linux-x64", bunTarget: "bun-linux-x64", nativePackage: "@opentui/core-linux-x64", exe: "" },
  { name: "linux-arm64", bunTarget: "bun-linux-arm64", nativePackage: "@opentui/core-linux-arm64", exe: "" },
  { name: "darwin-x64", bunTarget: "bun-darwin-x64", nativePackage: "@opentui/core-darwin-x64", exe: "" },
  { name: "darwin-arm64", bunTarget: "bun-darwin-arm64", nativePackage: "@opentui/core-darwin-arm64", exe: "" },
  { name: "windows-x64", bunTarget: "bun-windows-x64", nativePackage: "@opentui/core-win32-x64", exe: ".exe" },
];

const root = import.meta.dir;
const pinned: string = JSON.parse(readFileSync(join(root, "node_modules/@opentui/core/package.json"), "utf8")).version;
const staging = join(root, ".build");

/** The package's folder at the pinned version: installed, or fetched with `npm pack`; else why not. */
async function nativePackageDir(pkg: string): Promise<{ dir: string } | { missing: string }> {
  const installed = join(root, "node_modules", pkg);
  if (existsSync(join(installed, "package.json")) && readVersion(installed) === pinned) return { dir: installed };

  const staged = join(staging, pkg.replace("/", "__"), "package");
  if (existsSync(join(staged, "package.json")) && readVersion(staged) === pinned) return { dir: staged };

  const view = Bun.spawnSync(["npm", "view", `${pkg}@${pinned}`, "version"], { stderr: "pipe" });
  if (view.stdout.toString().trim() !== pinned) {
    const latest = Bun.spawnSync(["npm", "view", pkg, "version"], { stderr: "pipe" }).stdout.toString().trim();
    return { missing: `${pkg}@${pinned} is not in the registry${latest ? ` (it has ${latest})` : ""}` };
  }
  const dest = join(staging, pkg.replace("/", "__"));
  mkdirSync(dest, { recursive: true });
  const pack = Bun.spawnSync(["npm", "pack", `${pkg}@${pinned}`, "--pack-destination", dest, "--json"], { stderr: "pipe" });
  const file = pack.exitCode === 0 ? (JSON.parse(pack.stdout.toString())[0]?.filename as string | undefined) : undefined;
  if (!file) return { missing: `${pkg}@${pinned} could not be downloaded: ${pack.stderr.toString().trim()}` };
  Bun.spawnSync(["tar", "-xzf", join(dest, file), "-C", dest]);
  return { dir: staged };
}

function readVersion(dir: string): string {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
}

function onlyThisNativePackage(target: Target, dir: string): BunPlugin {
  return {
    name: "petrel-native-package",
    setup(build) {
      build.onResolve({ filter: /^@opentui\/core-[a-z0-9-]+$/ }, (args) =>
        args.path === target.nativePackage
          ? { path: join(dir, "index.bun.js") }
          : { path: args.path, namespace: "petrel-other-platform" },
      );
      build.onLoad({ filter: /.*/, namespace: "petrel-other-platform" }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`this petrel binary is built for ${target.name}; ${args.path} is not included`)});`,
        loader: "js",
      }));
    },
  };
}

async function buildTarget(target: Target): Promise<boolean> {
  const native = await nativePackageDir(target.nativePackage);
  if ("missing" in native) {
    console.log(`skip  ${target.name.padEnd(13)} ${native.missing}`);
    return true;
  }
  const outfile = join(root, "dist", `petrel-${target.name}${target.exe}`);
  rmSync(outfile, { force: true });
  const result = await Bun.build({
    entrypoints: [join(root, "src/cli/main.ts")],
    compile: { target: target.bunTarget, outfile, autoloadBunfig: false, autoloadDotenv: false },
    minify: true,
    // with compile, the map is embedded in the executable; the side file is redundant
    sourcemap: "linked",
    plugins: [onlyThisNativePackage(target, native.dir)],
  });
  if (!result.success) {
    console.error(`fail  ${target.name}`);
    for (const log of result.logs) console.error(String(log));
    return false;
  }
  rmSync(`${outfile}.map`, { force: true });
  const mb = (statSync(outfile).size / 1024 / 1024).toFixed(1);
  console.log(`built ${target.name.padEnd(13)} ${resolve(outfile)}  ${mb} MB`);
  return true;
}

const requested = process.argv.slice(2);
const unknown = requested.filter((r) => !TARGETS.some((t) => t.name === r));
if (unknown.length > 0) {
  console.error(`build: unknown target ${unknown.join(", ")} (targets: ${TARGETS.map((t) => t.name).join(", ")})`);
  process.exit(2);
}
const chosen = requested.length > 0 ? TARGETS.filter((t) => requested.includes(t.name)) : TARGETS;
let ok = true;
for (const target of chosen) ok = (await buildTarget(target)) && ok;
process.exit(ok ? 0 : 1);
