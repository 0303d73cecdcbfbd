import { expect, test } from "bun:test";
import { SLASH_COMMANDS } from "../../src/view/commands/index.ts";
import { completions, findCommand, parseSlash } from "../../src/view/commands/registry.ts";

test("every command in all.ts is registered once, alphabetically", () => {
  const names = SLASH_COMMANDS.map((c) => c.name);
  expect(names).toEqual([...names].sort());
  expect(new Set(names).size).toBe(names.length);
  for (const name of ["/help", "/new", "/clear", "/model", "/copy", "/export", "/stats", "/heap", "/quit"]) expect(names).toContain(name);
});

test("a command is found by its name or an alias", () => {
  expect(findCommand(SLASH_COMMANDS, "/exit")?.name).toBe("/quit");
  expect(findCommand(SLASH_COMMANDS, "/nope")).toBeUndefined();
});

test("completions while a bare /word is typed, none once an argument starts", () => {
  expect(completions(SLASH_COMMANDS, "/mo").map((c) => c.name)).toEqual(["/model"]);
  expect(completions(SLASH_COMMANDS, "/").length).toBe(SLASH_COMMANDS.length);
  expect(completions(SLASH_COMMANDS, "/model x")).toEqual([]);
  expect(completions(SLASH_COMMANDS, "hello")).toEqual([]);
});

test("parseSlash splits the command from its argument", () => {
  expect(parseSlash("/model  gpt-4o ")).toEqual({ name: "/model", arg: "gpt-4o" });
  expect(parseSlash("/export")).toEqual({ name: "/export", arg: "" });
});
