import * as all from "./all.ts";
import type { SlashCommand } from "./command.ts";

/** The chat's slash commands (listed in `all.ts`), alphabetically, as the popup and /help show them. */
export const SLASH_COMMANDS: readonly SlashCommand[] = Object.values(all as Record<string, SlashCommand>).sort((a, b) =>
  a.name.localeCompare(b.name),
);
