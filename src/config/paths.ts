/** Where petrel keeps its files, following the XDG base directory spec. */
import { homedir } from "node:os";
import { join } from "node:path";

export type Env = Record<string, string | undefined>;

function base(env: Env, variable: string, fallback: string): string {
  const value = env[variable];
  // The spec says relative paths are invalid and must be ignored.
  return value && value.startsWith("/") ? value : join(env.HOME || homedir(), fallback);
}

export function configFile(env: Env): string {
  return join(base(env, "XDG_CONFIG_HOME", ".config"), "petrel", "config.toml");
}

/** The user's own slash commands (markdown files); a project's are in `.petrel/commands/`. */
export function userCommandsDir(env: Env): string {
  return join(base(env, "XDG_CONFIG_HOME", ".config"), "petrel", "commands");
}

export function sessionsDir(env: Env): string {
  return join(base(env, "XDG_DATA_HOME", ".local/share"), "petrel", "sessions");
}
