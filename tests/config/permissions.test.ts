/** config.toml's [permissions] table: rules and mode checked with the line they are on. */
import { expect, test } from "bun:test";
import { ConfigError, parseConfig } from "../../src/config/file.ts";
import { permissionSettings } from "../../src/config/permissions.ts";

const file = (text: string) => ({ path: "config.toml", exists: true, values: parseConfig(text, "config.toml") });

test("rules and mode are read", () => {
  const text = ['model = "m"', "[permissions]", 'mode = "accept-edits"', 'allow = ["bash(git status*)", "edit(src/**)"]', 'deny = ["bash(rm -rf*)"]'].join("\n");
  expect(permissionSettings(file(text))).toEqual({
    mode: "accept-edits",
    rules: { allow: ["bash(git status*)", "edit(src/**)"], deny: ["bash(rm -rf*)"], ask: [] },
  });
  expect(permissionSettings(file(""))).toEqual({ rules: { allow: [], deny: [], ask: [] } });
});

test("a malformed rule, a wrong type or an unknown mode names the line", () => {
  const bad = (lines: string[]) => () => parseConfig(["[permissions]", ...lines].join("\n"), "config.toml");
  expect(bad(['allow = ["bash(git status"]'])).toThrow(ConfigError);
  expect(bad(['mode = "default"', 'allow = ["bash(git status"]'])).toThrow(/config\.toml, line 3: in permissions\.allow: "bash\(git status" is not a permission rule/);
  expect(bad(['deny = "bash(rm*)"'])).toThrow('config.toml, line 2: "permissions.deny" must be an array of strings, not string "bash(rm*)"');
  expect(bad(["ask = [1]"])).toThrow("must be an array of strings");
  expect(bad(['mode = "careful"'])).toThrow("permissions.mode must be one of read-only, default, accept-edits, yolo");
});
