/**
 * Very long agent turns, for benchmarks and for the demo's "stress" prompt: a design
 * review of any requested size in markdown (headings, paragraphs, nested lists, tables,
 * quotes, links and fenced code in several languages), after reasoning and three tool
 * calls. Deterministic per seed.
 */
import type { TimedEvent } from "../recording.ts";
import { Random } from "../random.ts";
import { DEFAULT_CPS, planTurn } from "./pacing.ts";
import type { DemoStep } from "./scripts.ts";

const TOPICS = [
  "request routing",
  "the storage layer",
  "cache invalidation",
  "the job queue",
  "authentication",
  "rate limiting",
  "the event log",
  "schema migrations",
  "search indexing",
  "metrics and tracing",
  "the billing pipeline",
  "configuration loading",
];

const SUBJECTS = ["The handler", "This module", "The worker", "Each shard", "The scheduler", "The client", "The retry loop", "The writer"];
const VERBS = ["allocates", "locks", "serializes", "re-reads", "copies", "validates", "buffers", "scans"];
const OBJECTS = [
  "the whole batch on every call",
  "a fresh buffer per record",
  "the full index before each lookup",
  "its configuration from disk",
  "every row twice",
  "the request body into memory",
  "each key under a global mutex",
  "the complete history for one update",
];
const EFFECTS = [
  "which is quadratic once the input grows past a few thousand items",
  "so p99 latency tracks the size of the largest tenant",
  "and the profiler attributes a third of CPU time to it",
  "which the benchmark hides because its fixture is tiny",
  "so memory climbs until the next deploy restarts the process",
  "and under load the lock convoy serializes every request",
];

function sentence(rng: Random): string {
  return `${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)}, ${rng.pick(EFFECTS)}.`;
}

function paragraph(rng: Random, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rng)).join(" ");
}

const CODE: ((n: number, rng: Random) => string)[] = [
  (n, rng) => `\`\`\`ts
export async function drain${n}(queue: Queue<Job>, limit = ${rng.int(8, 64)}): Promise<number> {
  let done = 0;
  for await (const batch of queue.batches(limit)) {
    await Promise.all(batch.map((job) => job.run()));
    done += batch.length;
  }
  return done;
}
\`\`\``,
  (n, rng) => `\`\`\`rust
pub fn merge_${n}(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] { out.push(a[i]); i += 1 } else { out.push(b[j]); j += 1 }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out // ${rng.int(2, 9)}x fewer reallocations than push-and-sort
}
\`\`\``,
  (n, rng) => `\`\`\`python
def window_${n}(events, size=${rng.int(10, 500)}):
    """Yield sliding windows without copying the whole list each step."""
    from collections import deque
    buf = deque(maxlen=size)
    for ev in events:
        buf.append(ev)
        if len(buf) == size:
            yield tuple(buf)
\`\`\``,
  (n, rng) => `\`\`\`go
func (s *Store) Get${n}(ctx context.Context, key string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, ${rng.int(50, 900)}*time.Millisecond)
	defer cancel()
	if v, ok := s.cache.Get(key); ok {
		return v, nil
	}
	return s.db.QueryRowContext(ctx, "SELECT value FROM kv WHERE key = $1", key).Bytes()
}
\`\`\``,
  (n, rng) => `\`\`\`sql
-- step ${n}: keep the hot path on an index
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_${n}_tenant_time
    ON events (tenant_id, created_at DESC)
    WHERE archived = false;
-- expected: ${rng.int(200, 900)} ms -> ${rng.int(1, 9)} ms for the dashboard query
\`\`\``,
  (n, rng) => `\`\`\`sh
# reproduce ${n}
for i in $(seq 1 ${rng.int(3, 20)}); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\\n' "http://localhost:3000/items?page=$i"
done | sort | uniq -c
\`\`\``,
  (n, rng) => `\`\`\`json
{
  "service": "orders",
  "step": ${n},
  "limits": { "rps": ${rng.int(50, 5000)}, "burst": ${rng.int(10, 200)}, "timeout_ms": ${rng.int(100, 3000)} },
  "features": ["batching", "backpressure", "idempotency-keys"]
}
\`\`\``,
];

function table(rng: Random, n: number): string {
  const rows = Array.from({ length: rng.int(3, 6) }, (_, i) => {
    const before = rng.int(20, 900);
    const after = Math.max(1, Math.round(before * (0.1 + rng.next() * 0.6)));
    return `| case ${n}.${i + 1} | ${before} ms | ${after} ms | **−${Math.round((1 - after / before) * 100)} %** |`;
  });
  return ["| scenario | before | after | change |", "| --- | ---: | ---: | ---: |", ...rows].join("\n");
}

function list(rng: Random): string {
  const items = Array.from({ length: rng.int(3, 5) }, () => `- ${sentence(rng)}`);
  items.splice(1, 0, `  - nested: ${rng.pick(OBJECTS)}`, `  - and \`${rng.pick(VERBS)}()\` is called ${rng.int(2, 40)} times per request`);
  return items.join("\n");
}

function section(rng: Random, n: number): string {
  const topic = TOPICS[n % TOPICS.length]!;
  const parts = [
    `## ${n}. ${topic[0]!.toUpperCase()}${topic.slice(1)}`,
    paragraph(rng, rng.int(3, 6)),
    list(rng),
    CODE[n % CODE.length]!(n, rng),
    paragraph(rng, rng.int(2, 4)),
  ];
  if (n % 2 === 0) parts.push(table(rng, n));
  if (n % 3 === 0) parts.push(`> **Tip:** ${sentence(rng)} See [the notes on ${topic}](https://example.com/notes/${n}).`);
  if (n % 4 === 1) parts.push(`1. measure first\n2. change one thing: *${rng.pick(OBJECTS)}*\n3. measure again, with \`--runs ${rng.int(5, 50)}\``);
  return parts.join("\n\n");
}

/** Markdown of at least `bytes` UTF-16 code units (≈ bytes; the text is nearly all ASCII). */
export function longAnswer(bytes: number, rng: Random): string {
  const parts = ["# Design review: findings and fixes", paragraph(rng, 3)];
  let size = parts[0]!.length + parts[1]!.length;
  for (let n = 1; size < bytes; n++) {
    const s = section(rng, n);
    parts.push(s);
    size += s.length + 2;
  }
  return `${parts.join("\n\n")}\n`;
}

const DIFF = `--- a/src/queue/drain.ts
+++ b/src/queue/drain.ts
@@ -12,9 +12,11 @@ export async function drain(queue: Queue<Job>): Promise<number> {
   let done = 0;
-  for (const job of await queue.all()) {
-    await job.run();
-    done++;
+  for await (const batch of queue.batches(32)) {
+    await Promise.all(batch.map((job) => job.run()));
+    done += batch.length;
   }
+  // batches() streams: memory stays flat however long the queue is
   return done;
 }`;

export function longSteps(bytes: number, rng: Random): DemoStep[] {
  return [
    {
      kind: "think",
      text: `The user wants a thorough review. I will read the queue module, run the load test to get numbers, apply the obvious fix, and then write up every finding section by section. ${paragraph(rng, 8)}`,
    },
    { kind: "say", text: "I'll start with the code and a baseline measurement.\n\n" },
    { kind: "tool", name: "read_file", args: { path: "src/queue/drain.ts" }, result: "export async function drain(queue: Queue<Job>) {\n  // ... 40 lines ...\n}" },
    {
      kind: "tool",
      name: "run_command",
      args: { command: "bun run load-test --duration 30s" },
      result: `requests      ${rng.int(40_000, 90_000)}\np50 latency   ${rng.int(8, 30)} ms\np99 latency   ${rng.int(300, 1200)} ms\nerrors        ${rng.int(0, 40)}`,
    },
    { kind: "tool", name: "apply_patch", args: { path: "src/queue/drain.ts" }, result: DIFF },
    { kind: "say", text: longAnswer(bytes, rng) },
  ];
}

/**
 * One recorded turn with about `bytes` of markdown answer, reasoning and three tool
 * calls, timed as the demo would type it at `cps` characters per second.
 */
export function longDemoTurn(bytes: number, seed: number, cps = DEFAULT_CPS): TimedEvent[] {
  const rng = new Random(seed);
  const events: TimedEvent[] = [];
  let t = 0;
  for (const planned of planTurn(longSteps(bytes, rng), rng, cps, "petrel-demo", 64)) {
    t += planned.delayMs;
    events.push({ t: Math.round(t), event: planned.event });
  }
  return events;
}
