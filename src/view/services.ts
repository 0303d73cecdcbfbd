/** What the chat reaches beyond the session: the workspace folder, the server's model list, saved sessions, model figures. */
import { modelFigures, type ModelFigures } from "../config/model-figures.ts";
import type { ModelInfo } from "../provider/models.ts";
import type { SessionStore } from "../session/store.ts";

export interface ChatServices {
  /** The folder `@` lists and `!` runs in. */
  cwd: string;
  /** The server's models, for /model's picker. */
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** Saved sessions for /sessions; null when the chat keeps none. */
  sessions: SessionStore | null;
  /** Context windows and prices, for the status line. */
  figures: ModelFigures;
}

/** For a chat built without services (tests, benchmarks): the current folder, the current model only, nothing saved. */
export function localServices(model: () => string): ChatServices {
  return {
    cwd: process.cwd(),
    listModels: async () => [{ id: model() }],
    sessions: null,
    figures: modelFigures({}, ""),
  };
}
