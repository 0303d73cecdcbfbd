// Every slash command, one line each: a new command is a module in this folder and its line here.
export { clear } from "./clear.ts";
export { compact } from "./compact.ts";
export { copy } from "./copy.ts";
export { exportMarkdown } from "./export.ts";
export { heap } from "./heap.ts";
export { help } from "./help.ts";
export { model } from "./model.ts";
export { newSession } from "./new.ts";
export { quit } from "./quit.ts";
export { sessions } from "./sessions.ts";
export { stats } from "./stats.ts";
