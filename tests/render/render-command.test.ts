/** `petrel render`, run as a user would: a child process, stdout piped. */
import { describe, expect, test } from "bun:test";
import { colorWanted } from "../../src/cli/render-command.ts";

const MAIN = new URL("../../src/cli/main.ts", import.meta.url).pathname;
const FIXTURE = new URL("../fixtures/render/long-answer.md", import.meta.url).pathname;

async function petrel(args: string[], stdin?: string, env: Record<string, string> = {}) {
  const proc = Bun.spawn(["bun", MAIN, "render", ...args], {
    stdin: stdin === undefined ? "ignore" : new TextEncoder().encode(stdin),
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...env },
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}

describe("petrel render", () => {
  test("plain text to a pipe, 80 columns by default, stdin when no FILE", async () => {
    const r = await petrel([], "# Hi\n\nsome **bold** text");
    expect(r).toEqual({ stdout: "# Hi\n\nsome bold text\n", stderr: "", code: 0 });
  });

  test("--stream prints byte-identical output", async () => {
    for (const extra of [["--color", "always"], ["--color", "never"]]) {
      const full = await petrel([FIXTURE, "--width", "72", ...extra]);
      const streamed = await petrel([FIXTURE, "--width", "72", "--stream", ...extra]);
      expect(full.code).toBe(0);
      expect(streamed.stdout).toBe(full.stdout);
    }
  }, 30_000);

  test("--color always styles a pipe; --theme light changes the code background", async () => {
    const dark = await petrel(["-", "--color", "always"], "```\nx\n```");
    const light = await petrel(["-", "--color", "always", "--theme", "light"], "```\nx\n```");
    expect(dark.stdout).toContain("\x1b[48;2;31;36;48m");
    expect(light.stdout).toContain("\x1b[48;2;242;243;245m");
  });

  test("FORCE_COLOR styles, NO_COLOR wins over it", async () => {
    expect((await petrel([], "**b**", { FORCE_COLOR: "1" })).stdout).toBe("\x1b[1mb\x1b[22m\n");
    expect((await petrel([], "**b**", { FORCE_COLOR: "1", NO_COLOR: "1" })).stdout).toBe("b\n");
  });

  test("--width wraps", async () => {
    expect((await petrel(["--width", "10"], "aaa bbb ccc ddd")).stdout).toBe("aaa bbb\nccc ddd\n");
  });

  test("usage errors are one line, exit 2; a missing file is one line, exit 1", async () => {
    const bad = await petrel(["--bogus"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("petrel: unknown option --bogus (see petrel --help)\n");
    const width = await petrel(["--width", "zero"], "");
    expect(width.code).toBe(2);
    expect(width.stderr.split("\n")).toHaveLength(2);
    expect((await petrel(["--theme", "pink"], "")).code).toBe(2);
    const missing = await petrel(["/no/such/file.md"]);
    expect(missing).toEqual({ stdout: "", stderr: "petrel: cannot read /no/such/file.md: no such file\n", code: 1 });
  });

  test("colorWanted: auto follows the terminal, NO_COLOR and FORCE_COLOR", () => {
    expect(colorWanted("auto", true, {})).toBe(true);
    expect(colorWanted("auto", false, {})).toBe(false);
    expect(colorWanted("auto", true, { NO_COLOR: "1" })).toBe(false);
    expect(colorWanted("auto", false, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorWanted("auto", false, { FORCE_COLOR: "0" })).toBe(false);
    expect(colorWanted("never", true, { FORCE_COLOR: "1" })).toBe(false);
    expect(colorWanted("always", false, { NO_COLOR: "1" })).toBe(true);
  });
});
