import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshHome, petrel } from "../cli/print-helpers.ts";

test("petrel config shows each value with its source; keys masked; flags win", async () => {
  const home = freshHome({ OPENAI_API_KEY: "sk-proj-VERYSECRETVALUE1234", PETREL_MODEL: "env-model" });
  mkdirSync(join(home.env.XDG_CONFIG_HOME!, "petrel"), { recursive: true });
  const file = join(home.env.XDG_CONFIG_HOME!, "petrel", "config.toml");
  writeFileSync(file, `timeout = 30\n[openai]\nbase_url = "http://localhost:11434/v1"\nmodel = "file-model"\n`);
  const r = await petrel(home, ["config", "--model", "flag-model"]);
  expect(r.code).toBe(0);
  expect(r.out).toBe(
    [
      `config file  ${file}`,
      `sessions     ${home.sessions}`,
      "",
      "provider  openai                     auto (an OpenAI key is set)",
      "model     flag-model                 flag --model",
      "base_url  http://localhost:11434/v1  config.toml [openai] base_url",
      "api_key   sk-…1234                   env OPENAI_API_KEY",
      "timeout   30 s                       config.toml timeout",
      "system    —                          not set",
      "",
    ].join("\n"),
  );
  expect(r.out).not.toContain("VERYSECRET");
});

test("petrel config with a broken file: exit 2, file and line named", async () => {
  const home = freshHome();
  mkdirSync(join(home.env.XDG_CONFIG_HOME!, "petrel"), { recursive: true });
  const file = join(home.env.XDG_CONFIG_HOME!, "petrel", "config.toml");
  writeFileSync(file, `[openai]\napi_key = "k"\ntimeout = "never"\n`);
  const r = await petrel(home, ["config"]);
  expect(r).toEqual({ code: 2, out: "", err: `petrel: ${file}, line 3: unknown setting "openai.timeout" (known in [openai]: api_key, base_url, model, context_window, input_price, output_price)\n` });
});
