/** Markdown command files: front matter, placeholders, where they come from, and broken files. */
import { expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expandTemplate, loadCustomCommands, parseTemplate } from "../../src/config/commands.ts";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "petrel-commands-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test("front matter gives the description and argument hint; the rest is the prompt", () => {
  expect(parseTemplate('---\ndescription: "Review a file"\nargument-hint: FILE\n---\nReview $1 carefully.\n')).toEqual({
    description: "Review a file",
    argumentHint: "FILE",
    body: "Review $1 carefully.",
  });
  expect(parseTemplate("Just a prompt")).toEqual({ body: "Just a prompt" });
});

test("broken front matter and empty prompts are errors that say what is wrong", () => {
  expect(parseTemplate("---\ndescription: x\nno end")).toEqual({ error: "the front matter opened on line 1 is never closed with ---" });
  expect(parseTemplate("---\nthis is not a pair\n---\nbody")).toEqual({ error: 'line 2 of the front matter is not "key: value"' });
  expect(parseTemplate("---\ndescription: x\n---\n\n")).toEqual({ error: "the command has no prompt text" });
});

test("$ARGUMENTS is the whole argument text and $1…$9 its words, quotes grouping", () => {
  expect(expandTemplate("Fix issue $ARGUMENTS now", " #12 in parser ")).toBe("Fix issue #12 in parser now");
  expect(expandTemplate("from $1 to $2, not $3", '"src/a b.ts" lib/$HOME.ts')).toBe("from src/a b.ts to lib/$HOME.ts, not ");
  expect(expandTemplate("a | b: $1 $2", "x|y #12")).toBe("a | b: x|y #12");
});

test("a prompt without placeholders gets the arguments appended, never dropped", () => {
  expect(expandTemplate("Summarize the diff.", "focus on tests")).toBe("Summarize the diff.\n\nfocus on tests");
  expect(expandTemplate("Summarize the diff.", "")).toBe("Summarize the diff.");
});

test("project commands win over the user's; subfolders namespace; bad files are named, not fatal", () => {
  const project = folder({
    "review.md": "---\ndescription: project review\n---\nReview $ARGUMENTS",
    "git/commit.md": "Write a commit message",
    "broken.md": "---\ndescription: never closed\n",
    "bad name!.md": "x",
    "notes.txt": "not a command",
  });
  const user = folder({ "review.md": "user review", "explain.md": "Explain $1" });
  const { commands, problems } = loadCustomCommands([
    { dir: project, source: "project" },
    { dir: user, source: "user" },
    { dir: join(project, "missing"), source: "user" },
  ]);
  expect(commands.map((c) => [c.name, c.source, c.description])).toEqual([
    ["explain", "user", undefined],
    ["git:commit", "project", undefined],
    ["review", "project", "project review"],
  ]);
  expect(problems).toEqual([
    `${join(project, "bad name!.md")}: "bad name!" is not a usable command name (letters, digits, . _ - only)`,
    `${join(project, "broken.md")}: the front matter opened on line 1 is never closed with ---`,
  ]);
});

test("an unreadable command file is reported with its path", () => {
  if (process.getuid?.() === 0) {
    // root reads everything; a directory where a file should be fails for root too
    const dir = folder({});
    mkdirSync(join(dir, "dir.md"));
    const { commands, problems } = loadCustomCommands([{ dir, source: "project" }]);
    expect(commands).toEqual([]);
    expect(problems).toEqual([]);
    return;
  }
  const dir = folder({ "secret.md": "x" });
  chmodSync(join(dir, "secret.md"), 0);
  const { problems } = loadCustomCommands([{ dir, source: "project" }]);
  expect(problems).toEqual([`${join(dir, "secret.md")}: cannot be read (EACCES)`]);
});
