import type { Session } from "../session/session.ts";
import { renderCounters } from "../render/lex.ts";

/**
 * `petrel --stats -p …`: what the run cost, one line on stderr at the end. There are no
 * frames in print mode, so it reports the figures that exist here: time, the answer's
 * size and rate, CPU, how much markdown was lexed per answer byte, heap and RSS.
 */
export function watchPrintStats(session: Session): () => string {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const lexed = renderCounters.bytesLexed;
  let bytes = 0;
  let events = 0;
  const stop = session.onEvent((event) => {
    events++;
    if (event.type === "text_delta" || event.type === "reasoning_delta") bytes += event.text.length;
  });
  return () => {
    stop();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const lexRatio = bytes > 0 ? (renderCounters.bytesLexed - lexed) / bytes : 0;
    const mem = process.memoryUsage();
    return [
      `petrel stats: ${seconds.toFixed(1)} s`,
      `${(bytes / 1024).toFixed(1)} KB streamed (${(bytes / 1024 / Math.max(seconds, 0.001)).toFixed(1)} KB/s)`,
      `${events} events`,
      `${((used.user + used.system) / 1e6).toFixed(2)} s CPU`,
      `lexed ${lexRatio.toFixed(2)}x`,
      `heap ${(mem.heapUsed / 1048576).toFixed(0)} MB`,
      `rss ${(mem.rss / 1048576).toFixed(0)} MB`,
    ].join(" · ");
  };
}
