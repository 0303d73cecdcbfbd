import { expandTemplate, readTemplate, takesArguments, type CustomCommand } from "../../config/commands.ts";
import type { SlashCommand } from "./command.ts";

/**
 * A markdown command file as a slash command. The file is read again when it runs, so an
 * edit takes effect without restarting; the prompt it sends is shown as the user's message.
 */
export function customSlashCommand(command: CustomCommand): SlashCommand {
  const template = readTemplate(command.path);
  const takesArgs = !("error" in template) && takesArguments(template.body);
  const where = command.source === "project" ? " (project)" : "";
  return {
    name: `/${command.name}`,
    ...((command.argumentHint || takesArgs) && { args: command.argumentHint ?? "[ARGS]" }),
    summary: (command.description ?? `prompt from ${command.path}`) + where,
    run(ctx, arg) {
      const fresh = readTemplate(command.path);
      if ("error" in fresh) throw new Error(fresh.error);
      ctx.session.send(expandTemplate(fresh.body, arg));
    },
  };
}

/**
 * The built-in commands plus the custom ones; a custom command never replaces a
 * built-in (the returned problems say which files were ignored for that).
 */
export function withCustomCommands(
  builtIn: readonly SlashCommand[],
  custom: readonly CustomCommand[],
): { commands: SlashCommand[]; problems: string[] } {
  const taken = new Set(builtIn.flatMap((c) => [c.name, ...(c.aliases ?? [])]));
  const problems: string[] = [];
  const added: SlashCommand[] = [];
  for (const c of custom) {
    if (taken.has(`/${c.name}`)) problems.push(`${c.path}: /${c.name} is a built-in command; the file is ignored`);
    else added.push(customSlashCommand(c));
  }
  const commands = [...builtIn, ...added].sort((a, b) => a.name.localeCompare(b.name));
  return { commands, problems };
}
