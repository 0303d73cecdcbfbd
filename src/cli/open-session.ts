/** Settings → the Session the chat and `-p` run: a new one, or a saved one resumed. */
import { existsSync } from "node:fs";
import type { Settings } from "../config/resolve.ts";
import { providerSpec } from "../config/resolve.ts";
import { modelFigures } from "../config/model-figures.ts";
import type { Clock } from "../provider/clock.ts";
import { createProvider } from "../provider/create.ts";
import { ReplayError } from "../provider/replay.ts";
import { Session } from "../session/session.ts";
import { SessionNotFound, SessionStore } from "../session/store.ts";
import { UsageError } from "./flags.ts";

export interface OpenOptions {
  /** Resume a saved session: `true` for the latest, or an id (prefix). */
  resume?: boolean | string;
  clock?: Clock;
}

export function openSession(settings: Settings, options: OpenOptions = {}): Session {
  const replay = settings.replay?.file;
  if (replay !== undefined && !existsSync(replay)) throw new UsageError(`--replay ${replay}: no such file`);
  const store = new SessionStore(settings.sessionsDir);
  try {
    const connect = (model: string) => createProvider(providerSpec(settings, model), options.clock);
    // the window lets compaction act on its own before a request would overflow it
    const { contextWindow } = modelFigures(settings.file.values, settings.provider.value);
    const compactAt = settings.file.values[""]?.compact_at;
    const sessionOptions = {
      connect,
      model: settings.model.value,
      store,
      clock: options.clock,
      contextWindow,
      // a share of the window (0 turns automatic compaction off); out of range means the default
      ...(typeof compactAt === "number" && compactAt >= 0 && compactAt < 1 && { compactAt }),
    };
    if (options.resume === undefined || options.resume === false) return Session.create(sessionOptions);
    return Session.resume(sessionOptions, options.resume === true ? undefined : options.resume);
  } catch (err) {
    if (err instanceof SessionNotFound || err instanceof ReplayError) throw new UsageError(err.message);
    throw err;
  }
}
