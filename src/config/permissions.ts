/** The `[permissions]` table of config.toml, as the gate takes it (file.ts has checked every rule). */
import type { PermissionMode } from "../agent/permission.ts";
import type { PermissionRules } from "../agent/gate.ts";
import type { ConfigFile } from "./file.ts";

export interface PermissionSettings {
  /** undefined: not set in the file (the default mode, unless a flag says otherwise). */
  mode?: PermissionMode;
  rules: Required<PermissionRules>;
}

export function permissionSettings(file: ConfigFile): PermissionSettings {
  const table = file.values.permissions ?? {};
  const list = (key: string) => (Array.isArray(table[key]) ? (table[key] as string[]) : []);
  const settings: PermissionSettings = { rules: { allow: list("allow"), deny: list("deny"), ask: list("ask") } };
  if (typeof table.mode === "string") settings.mode = table.mode as PermissionMode;
  return settings;
}
