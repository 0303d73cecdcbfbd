import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeSettings } from "../../src/cli/config-command.ts";
import { ConfigError, parseConfig } from "../../src/config/file.ts";
import { configFile, sessionsDir } from "../../src/config/paths.ts";
import { maskSecret, providerSpec, resolveSettings, type Flags } from "../../src/config/resolve.ts";
import { tempDir } from "../session/helpers.ts";

function withFile(toml: string | undefined, env: Record<string, string> = {}, flags: Flags = {}) {
  const home = tempDir();
  const env2 = { HOME: home, XDG_CONFIG_HOME: join(home, "cfg"), XDG_DATA_HOME: join(home, "data"), ...env };
  if (toml !== undefined) {
    mkdirSync(join(home, "cfg", "petrel"), { recursive: true });
    writeFileSync(join(home, "cfg", "petrel", "config.toml"), toml);
  }
  return resolveSettings(flags, env2);
}

describe("precedence: flags > env > file > default", () => {
  const file = `provider = "openai"\nmodel = "from-file"\n[openai]\nbase_url = "http://file/v1"\napi_key = "sk-file-0000000000000"\n`;

  test("model", () => {
    expect(withFile(file).model).toEqual({ value: "from-file", source: "config.toml model" });
    expect(withFile(file, { PETREL_MODEL: "from-env" }).model).toEqual({ value: "from-env", source: "env PETREL_MODEL" });
    expect(withFile(file, { PETREL_MODEL: "from-env" }, { model: "from-flag" }).model).toEqual({ value: "from-flag", source: "flag --model" });
    expect(withFile(undefined, { OPENAI_API_KEY: "sk-x" }).model).toEqual({ value: "gpt-4o-mini", source: "default" });
  });

  test("system prompt", () => {
    const withSystem = `system = """
You are terse.
Answer in English."""
${file}`;
    expect(withFile(withSystem).system).toEqual({ value: "You are terse.\nAnswer in English.", source: "config.toml system" });
    expect(withFile(withSystem, { PETREL_SYSTEM: "from env" }).system).toEqual({ value: "from env", source: "env PETREL_SYSTEM" });
    expect(withFile(withSystem, { PETREL_SYSTEM: "from env" }, { system: "from flag" }).system).toEqual({ value: "from flag", source: "flag --system" });
    expect(withFile(file).system).toEqual({ value: undefined, source: "not set" });
    expect(providerSpec(withFile(withSystem)).system).toBe("You are terse.\nAnswer in English.");
  });

  test("thinking budget (anthropic only)", () => {
    const claude = `provider = "anthropic"\n[anthropic]\napi_key = "sk-ant-0000000000000"\nthinking = 2048\n`;
    expect(withFile(claude).thinking).toEqual({ value: 2048, source: "config.toml [anthropic] thinking" });
    expect(withFile(claude, {}, { thinking: 4096 }).thinking).toEqual({ value: 4096, source: "flag --thinking" });
    expect(providerSpec(withFile(claude)).thinkingBudget).toBe(2048);
    expect(withFile(claude.replace("thinking = 2048", "")).thinking.value).toBeUndefined();
    expect(() => withFile(claude, {}, { thinking: 100 })).toThrow("at least 1024 (from flag --thinking)");
    expect(withFile(file).thinking).toEqual({ value: undefined, source: "not used" });
    expect(() => withFile(file, {}, { thinking: 2048 })).toThrow("--thinking is for the anthropic provider; this one is openai");
  });

  test("base URL and key", () => {
    const s = withFile(file);
    expect(s.baseUrl).toEqual({ value: "http://file/v1", source: "config.toml [openai] base_url" });
    expect(s.apiKey.source).toBe("config.toml [openai] api_key");
    const e = withFile(file, { OPENAI_BASE_URL: "http://env/v1", OPENAI_API_KEY: "sk-env" });
    expect(e.baseUrl.value).toBe("http://env/v1");
    expect(e.apiKey).toEqual({ value: "sk-env", source: "env OPENAI_API_KEY" });
    expect(withFile(file, { OPENAI_BASE_URL: "http://env/v1" }, { baseUrl: "http://flag/v1" }).baseUrl.value).toBe("http://flag/v1");
    expect(withFile(undefined, { OPENAI_API_KEY: "k" }).baseUrl).toEqual({ value: "https://api.openai.com/v1", source: "default" });
  });

  test("provider", () => {
    expect(withFile(file, { PETREL_PROVIDER: "anthropic" }).provider).toEqual({ value: "anthropic", source: "env PETREL_PROVIDER" });
    expect(withFile(file, { PETREL_PROVIDER: "anthropic" }, { provider: "demo" }).provider.value).toBe("demo");
    expect(withFile(`[anthropic]\nmodel = "claude-x"\n`, { PETREL_PROVIDER: "anthropic" }).model.value).toBe("claude-x");
  });

  test("a provider's own table beats the top-level model", () => {
    expect(withFile(`model = "top"\n[openai]\nmodel = "specific"\n`, { OPENAI_API_KEY: "k" }).model.value).toBe("specific");
  });

  test("empty environment variables count as unset", () => {
    expect(withFile(undefined, { OPENAI_API_KEY: "", PETREL_MODEL: "" }).provider.value).toBe("demo");
  });
});

describe("which provider without one chosen", () => {
  test("no key anywhere: the demo", () => {
    expect(withFile(undefined).provider).toEqual({ value: "demo", source: "auto (no API key configured)" });
  });
  test("an OpenAI key: openai; only an Anthropic key: anthropic", () => {
    expect(withFile(undefined, { OPENAI_API_KEY: "k", ANTHROPIC_API_KEY: "a" }).provider.value).toBe("openai");
    expect(withFile(`[anthropic]\napi_key = "sk-ant-123"\n`).provider.value).toBe("anthropic");
  });
  test("--replay implies the replay provider; mixing it with another is an error", () => {
    const s = withFile(undefined, {}, { replay: "x.jsonl", speed: 2 });
    expect(s.provider.value).toBe("replay");
    expect(providerSpec(s)).toMatchObject({ name: "replay", replayFile: "x.jsonl", replaySpeed: 2 });
    expect(() => withFile(undefined, {}, { replay: "x", provider: "openai" })).toThrow(ConfigError);
  });
  test("an unknown provider names where it came from", () => {
    expect(() => withFile(`provider = "gemini"\n`)).toThrow('unknown provider "gemini" (from config.toml provider); choose one of demo, openai, anthropic');
  });
});

describe("a bad config file names the file, the line and what is wrong", () => {
  const bad = (toml: string) => {
    try {
      parseConfig(toml, "/x/config.toml");
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error("no error");
  };
  test("syntax errors, located", () => {
    expect(bad(`provider = "openai"\n\nmodel = gpt-4\n`)).toBe('/x/config.toml, line 3: strings must be quoted: "gpt-4"');
    expect(bad(`model = "a"\n[openai\napi_key = "k"\n`)).toBe("/x/config.toml, line 2: expected ']' to close a table header but found the end of the line");
    expect(bad(`# settings\nmodel = "a"\ntimeout = 3\nmodel = "b"\n`)).toBe("/x/config.toml, line 4: cannot redefine key 'model'");
    expect(bad(`model = "a"\nfoo = [1,\n  2,,\n]\n`)).toMatch(/^\/x\/config\.toml, line 3: /);
  });
  test("wrong types and unknown keys, on the line that sets them", () => {
    expect(bad(`model = "a"\ntimeout = "soon"\n`)).toBe('/x/config.toml, line 2: "timeout" must be a number, not string "soon"');
    expect(bad(`[openai]\nmodel = "m"\n\n[anthropic]\napi_key = 5\n`)).toBe('/x/config.toml, line 5: "anthropic.api_key" must be a string, not a number');
    expect(bad(`modle = "x"\n`)).toStartWith('/x/config.toml, line 1: unknown setting "modle" (known: provider, model');
    expect(bad(`[openai]\n  apikey = "x"\n`)).toStartWith('/x/config.toml, line 2: unknown setting "openai.apikey" (known in [openai]: api_key');
    expect(bad(`openai = "x"\n`)).toBe('/x/config.toml, line 1: "openai" must be a table ([openai])');
    expect(bad(`[demo]\nseed = 1.5\n`)).toBe('/x/config.toml, line 2: "demo.seed" must be an integer, not number 1.5');
  });
  test("a good file parses", () => {
    expect(parseConfig(`provider = "openai"\ntimeout = 30\n[openai]\napi_key = "k"\n[demo]\nspeed = 800\nseed = 4\n`, "f")).toEqual({
      "": { provider: "openai", timeout: 30 },
      openai: { api_key: "k" },
      demo: { speed: 800, seed: 4 },
    });
  });
});

describe("paths and masking", () => {
  test("XDG locations, relative values ignored as the spec says", () => {
    expect(configFile({ HOME: "/h" })).toBe("/h/.config/petrel/config.toml");
    expect(configFile({ HOME: "/h", XDG_CONFIG_HOME: "/c" })).toBe("/c/petrel/config.toml");
    expect(sessionsDir({ HOME: "/h", XDG_DATA_HOME: "rel" })).toBe("/h/.local/share/petrel/sessions");
    expect(sessionsDir({ HOME: "/h", XDG_DATA_HOME: "/d" })).toBe("/d/petrel/sessions");
  });

  test("keys are never shown whole", () => {
    expect(maskSecret("sk-proj-abcdefghijklmnopqrstuvwxyz")).toBe("sk-…wxyz");
    expect(maskSecret("short")).toBe("••••");
    const key = "sk-ant-api03-SECRETSECRETSECRET";
    const text = describeSettings(withFile(undefined, { ANTHROPIC_API_KEY: key }));
    expect(text).not.toContain("SECRET");
    expect(text).toMatch(/^api_key +sk-…CRET +env ANTHROPIC_API_KEY$/m);
  });
});

describe("a secret in a broken config.toml", () => {
  const key = "sk-live-abcdef123456";
  test("an unquoted api_key is not echoed in the parse error", () => {
    for (const text of [`[openai]\napi_key = ${key}\n`, `[anthropic]\n"api_key" = ${key}-x.1\n`, `api_key = 12345678\n`]) {
      let message = "";
      try {
        parseConfig(text, "/x/config.toml");
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toStartWith("/x/config.toml, line ");
      expect(message).not.toContain("abcdef");
      expect(message).not.toContain("12345678");
    }
  });
});

test("a timeout longer than a timer can hold is clamped, and says so", () => {
  const s = resolveSettings({ timeout: 3_000_000 }, { XDG_CONFIG_HOME: "/nonexistent-petrel-test" });
  expect(s.timeout.value).toBe(2_147_483);
  expect(s.timeout.source).toBe("flag --timeout, clamped to 2147483 s");
});
