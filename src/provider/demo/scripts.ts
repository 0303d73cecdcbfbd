/**
 * What the demo agent says: scripted agent turns (reasoning, tool calls with their
 * results, then the answer), each picked by words in the prompt. The content is meant
 * to look like a real coding agent at work and to exercise every kind of markdown the
 * renderer handles: headings, lists, tables, links, quotes and code in many languages.
 *
 * Source convention: `´` stands for a backtick, so fences and inline code can be
 * written inside template literals without escaping.
 */

export type DemoStep =
  | { kind: "think"; text: string }
  | { kind: "say"; text: string }
  | { kind: "tool"; name: string; args: Record<string, unknown>; result: string; isError?: boolean };

export interface DemoScript {
  name: string;
  /** Prompt words that choose this script; scripts without are picked for other prompts. */
  keywords?: RegExp;
  steps: DemoStep[];
}

function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings[0] ?? "";
  values.forEach((v, i) => (text += String(v) + (strings[i + 1] ?? "")));
  return text.replaceAll("´", "`").replace(/^\n/, "");
}

const think = (text: string): DemoStep => ({ kind: "think", text });
const say = (text: string): DemoStep => ({ kind: "say", text });
const tool = (name: string, args: Record<string, unknown>, result: string, isError = false): DemoStep => ({
  kind: "tool",
  name,
  args,
  result,
  isError,
});

const greeting: DemoScript = {
  name: "greeting",
  keywords: /^\s*(hi|hello|hey|hallo|yo|help|howdy|good (morning|afternoon|evening))\b|who are you|what can you do|\bdemo\b/i,
  steps: [
    think(md`
The user is saying hello. This is the built-in demo agent, so I should explain what it is, what they can try, and how to connect a real model. Keep it short and friendly.`),
    say(md`
# Hi! I'm petrel's demo agent 👋

I run **entirely offline**: no API key, no network. Everything I say is scripted, but I stream it the way a real model does — reasoning first, then tool calls, then the answer — so you can see how petrel behaves in a long agent session.

## Things to try

| Ask me about… | You'll see |
| --- | --- |
| "fix the failing test" | tool calls, a failing run, a patch as a unified diff |
| "why is this query slow?" | SQL, an ´EXPLAIN ANALYZE´ plan and a before/after table |
| "speed up the parser" | Rust code and benchmark numbers |
| "clean up this CSV with pandas" | Python and a results table |
| "dockerize the app" | a Dockerfile and a CI workflow in YAML |
| "write tests for the cache" | Go table-driven tests |
| "explain backpressure" | a longer explanation with code and links |

## Keys worth knowing

- **Enter** sends, **Esc** interrupts a running answer (the partial answer stays, marked interrupted)
- ´/model NAME´ switches models, ´/new´ starts over, ´/export´ saves the conversation as markdown
- every session is saved; ´petrel --resume´ picks up where you left off

## Connect a real model

´´´sh
export OPENAI_API_KEY=sk-...        # or ANTHROPIC_API_KEY=...
petrel --model gpt-4o-mini

# any OpenAI-compatible server works too, e.g. Ollama:
petrel --provider openai --base-url http://localhost:11434/v1 --model qwen3
´´´

Run ´petrel config´ to see which settings are in effect and where each comes from.`),
  ],
};

const debugging: DemoScript = {
  name: "debugging",
  keywords: /\b(fix|bug|bugs|error|errors|fail(s|ing|ed)?|crash(es|ing)?|broken|exception|stack ?trace|regression)\b/i,
  steps: [
    think(md`
The user reports a failure. Before guessing I should reproduce it: run the test suite, read the failing test and the code under test, then make the smallest fix and run the tests again.

The pagination helper is the most likely suspect given the recent change to cursor handling — an off-by-one at a page boundary would only show up when the item count is an exact multiple of the page size.`),
    say("Let me reproduce the failure first.\n\n"),
    tool(
      "run_command",
      { command: "bun test tests/paginate.test.ts" },
      md`
bun test v1.1.30

tests/paginate.test.ts:
✓ paginate > returns the first page [0.41ms]
✓ paginate > follows the cursor [0.22ms]
✗ paginate > the last page is not empty when the count is a multiple of the page size [1.03ms]

  expect(received).toEqual(expected)

  - Expected  - 1
  + Received  + 3

    Array [
  -   "item-19",
  +   "item-19",
  +   "item-20",
  +   undefined,
    ]

      at tests/paginate.test.ts:31:26

 2 pass
 1 fail
Ran 3 tests across 1 file. [12.00ms]`,
    ),
    tool(
      "read_file",
      { path: "src/paginate.ts" },
      md`
 1  export interface Page<T> {
 2    items: T[];
 3    next?: number;
 4  }
 5
 6  /** Returns the page that starts at \`cursor\`. */
 7  export function paginate<T>(all: T[], cursor = 0, size = 10): Page<T> {
 8    const end = cursor + size + 1;
 9    const items = all.slice(cursor, end);
10    return end < all.length ? { items, next: end } : { items };
11  }`,
    ),
    think(md`
Line 8 adds one to the end index, and ´slice´ already excludes its end. So every page takes one item too many, and the next cursor skips nothing but repeats. The fix is ´end = cursor + size´, and ´next´ should be returned only while ´end < all.length´ — which is already right.`),
    say("Found it: `slice` already excludes its end index, so the `+ 1` takes one item too many. Applying the fix:\n\n"),
    tool(
      "apply_patch",
      { path: "src/paginate.ts", patch: "@@ -7,5 +7,5 @@ ... (see result)" },
      md`
--- a/src/paginate.ts
+++ b/src/paginate.ts
@@ -5,7 +5,7 @@ export interface Page<T> {

 /** Returns the page that starts at \`cursor\`. */
 export function paginate<T>(all: T[], cursor = 0, size = 10): Page<T> {
-  const end = cursor + size + 1;
+  const end = cursor + size;
   const items = all.slice(cursor, end);
   return end < all.length ? { items, next: end } : { items };
 }`,
    ),
    tool(
      "run_command",
      { command: "bun test" },
      md`
bun test v1.1.30

tests/paginate.test.ts:
✓ paginate > returns the first page [0.38ms]
✓ paginate > follows the cursor [0.19ms]
✓ paginate > the last page is not empty when the count is a multiple of the page size [0.27ms]

tests/api.test.ts:
✓ GET /items pages through every item exactly once [4.12ms]

 4 pass
 0 fail
Ran 4 tests across 2 files. [31.00ms]`,
    ),
    say(md`
## The fix

The failing test was right: ´paginate´ returned **one item too many** on every page, which only became visible on the last page when the item count was an exact multiple of the page size.

´´´ts
export function paginate<T>(all: T[], cursor = 0, size = 10): Page<T> {
  const end = cursor + size; // slice() already excludes \`end\`
  const items = all.slice(cursor, end);
  return end < all.length ? { items, next: end } : { items };
}
´´´

### Why it slipped through

1. The existing tests used 25 items with a page size of 10, so the extra item on each page was the *first item of the next page* — duplicated, not missing.
2. The API test only counted pages, not items.
3. The bug was introduced when cursors changed from page numbers to offsets (´git log -L7,11:src/paginate.ts´ shows the commit).

### Worth doing next

- [x] fix the off-by-one
- [x] run the whole suite: **4 pass, 0 fail**
- [ ] add a property test: *every item appears exactly once across all pages*, for random counts and sizes
- [ ] check the other callers of ´slice(cursor, …)´ — ´src/export.ts´ has the same pattern

See MDN on [´Array.prototype.slice´](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/slice) for the end-index rule.`),
  ],
};

const python: DemoScript = {
  name: "python",
  keywords: /\b(python|pandas|numpy|csv|dataframe|jupyter|notebook|data ?set|pip)\b/i,
  steps: [
    think(md`
They want to clean up a CSV with pandas. I should look at the file first: the header, a few rows, and whatever is messy (types, missing values, duplicates). Then write a small script and show the result.`),
    tool("run_command", { command: "head -n 6 data/orders.csv && wc -l data/orders.csv" }, md`
order_id,customer,region,amount,ordered_at
1001,ACME Corp, north ,"1,250.00",2024-03-01
1002,globex,South,980.5,2024/03/02
1002,globex,South,980.5,2024/03/02
1003,Initech,,n/a,2024-03-04
1004,Umbrella,EAST,2100,03/05/2024
  48213 data/orders.csv`),
    think(md`
Problems visible already: stray whitespace and mixed case in region, amounts with thousands separators and "n/a", three date formats, exact duplicate rows, and missing regions. ´pd.to_datetime(format="mixed")´ handles the dates; amounts need the comma stripped before ´to_numeric´.`),
    tool(
      "run_command",
      { command: "python scripts/clean_orders.py data/orders.csv --summary" },
      md`
rows read          48212
duplicates dropped   317
bad amounts          41  (set to NaN, kept for review)
missing region      102  (filled with "unknown")
rows written       47895 -> data/orders.clean.parquet`,
    ),
    say(md`
## Cleaning ´orders.csv´

The file had five kinds of mess: padded and mixed-case regions, amounts with thousands separators (and some ´n/a´), **three date formats**, exact duplicate rows, and missing regions. Here is the script I used:

´´´python
import sys
import pandas as pd

def clean(path: str) -> pd.DataFrame:
    df = pd.read_csv(path, dtype={"order_id": "int64"}, keep_default_na=True)
    before = len(df)
    df = df.drop_duplicates()

    df["customer"] = df["customer"].str.strip()
    df["region"] = (
        df["region"].str.strip().str.lower().replace("", pd.NA).fillna("unknown")
    )
    df["amount"] = pd.to_numeric(
        df["amount"].astype(str).str.replace(",", "", regex=False), errors="coerce"
    )
    df["ordered_at"] = pd.to_datetime(df["ordered_at"], format="mixed", dayfirst=False)

    print(f"rows read {before}, duplicates dropped {before - len(df)}")
    return df

if __name__ == "__main__":
    clean(sys.argv[1]).to_parquet("data/orders.clean.parquet", index=False)
´´´

### Result

| step | rows | note |
| --- | ---: | --- |
| read | 48,212 | header excluded |
| drop duplicates | 47,895 | 317 exact copies |
| bad amounts | 41 | kept as ´NaN´ for review |
| missing region | 102 | filled with ´"unknown"´ |

Revenue by region, after cleaning:

´´´python
>>> df.groupby("region")["amount"].sum().round(2).sort_values(ascending=False)
region
north      1843210.55
east       1612094.10
south      1398877.02
west        977310.90
unknown      41022.00
´´´

> **Note:** ´format="mixed"´ needs pandas ≥ 2.0. On older versions parse each format separately and combine with ´fillna´.

Docs: [´pandas.to_datetime´](https://pandas.pydata.org/docs/reference/api/pandas.to_datetime.html) · [´DataFrame.drop_duplicates´](https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.drop_duplicates.html)`),
  ],
};

const performance: DemoScript = {
  name: "performance",
  keywords: /\b(slow|slower|perf|performance|optimi[sz]e|faster|speed ?up|latency|memory|alloc\w*|rust|cargo|benchmark)\b/i,
  steps: [
    think(md`
A performance question. Measure before changing anything: run the benchmark, find where the time goes, then fix the hot spot and measure again. The tokenizer is the usual suspect in a parser — per-token ´String´ allocation shows up in profiles as malloc/free.`),
    tool("run_command", { command: "cargo bench --bench parse -- --save-baseline before" }, md`
    Finished bench [optimized] target(s) in 41.27s
     Running benches/parse.rs
parse/small.json        time:   [18.214 µs 18.301 µs 18.397 µs]
parse/large.json        time:   [14.872 ms 14.951 ms 15.036 ms]
                        thrpt:  [66.4 MiB/s 66.8 MiB/s 67.2 MiB/s]`),
    tool("search", { query: "fn next_token", path: "src/" }, md`
src/lexer.rs:88:    pub fn next_token(&mut self) -> Option<Token> {
src/lexer.rs:131:            let text: String = self.input[start..self.pos].to_string();
src/lexer.rs:132:            return Some(Token::Ident(text));
src/parser.rs:54:        while let Some(tok) = self.lexer.next_token() {`),
    think(md`
Line 131 copies every identifier into a fresh String. The tokens never outlive the input, so they can borrow: ´Token<'a>´ holding ´&'a str´. That removes one allocation per token.`),
    tool(
      "apply_patch",
      { path: "src/lexer.rs" },
      md`
--- a/src/lexer.rs
+++ b/src/lexer.rs
@@ -1,8 +1,8 @@
-pub enum Token {
-    Ident(String),
+pub enum Token<'a> {
+    Ident(&'a str),
     Number(f64),
     Punct(char),
 }
@@ -128,6 +128,5 @@ impl<'a> Lexer<'a> {
             while self.pos < self.input.len() && is_ident(self.byte()) {
                 self.pos += 1;
             }
-            let text: String = self.input[start..self.pos].to_string();
-            return Some(Token::Ident(text));
+            return Some(Token::Ident(&self.input[start..self.pos]));`,
    ),
    tool("run_command", { command: "cargo bench --bench parse -- --baseline before" }, md`
parse/small.json        time:   [9.8821 µs 9.9310 µs 9.9855 µs]
                        change: [-46.1% -45.7% -45.2%] (p = 0.00 < 0.05)
                        Performance has improved.
parse/large.json        time:   [6.2104 ms 6.2433 ms 6.2790 ms]
                        change: [-58.5% -58.2% -57.9%] (p = 0.00 < 0.05)
                        Performance has improved.`),
    say(md`
## Parser: 2.4× faster on large input

The lexer allocated a new ´String´ for **every identifier**. Tokens never outlive the input buffer, so they can borrow from it instead:

´´´rust
pub enum Token<'a> {
    Ident(&'a str), // was Ident(String): one malloc + memcpy per token
    Number(f64),
    Punct(char),
}

impl<'a> Lexer<'a> {
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        self.skip_whitespace();
        let start = self.pos;
        if is_ident_start(self.byte()) {
            while self.pos < self.input.len() && is_ident(self.byte()) {
                self.pos += 1;
            }
            return Some(Token::Ident(&self.input[start..self.pos]));
        }
        // numbers and punctuation unchanged
        self.number_or_punct(start)
    }
}
´´´

### Measurements

| benchmark | before | after | change |
| --- | ---: | ---: | ---: |
| ´parse/small.json´ (2 KB) | 18.30 µs | 9.93 µs | **−45.7 %** |
| ´parse/large.json´ (1 MB) | 14.95 ms | 6.24 ms | **−58.2 %** |
| throughput (large) | 66.8 MiB/s | 160.2 MiB/s | **2.4×** |

### Notes

- The lifetime ripples into ´Parser<'a>´, which already borrowed the input, so no caller changed.
- If tokens ever need to outlive the buffer (an LSP cache, say), use ´Cow<'a, str>´ and convert only there.
- Next hot spot, per ´cargo flamegraph´: ´f64::from_str´ at 21 %. [´lexical-core´](https://docs.rs/lexical-core) parses floats about 3× faster.

Criterion's [user guide](https://bheisler.github.io/criterion.rs/book/) explains the confidence intervals in the output above.`),
  ],
};

const sql: DemoScript = {
  name: "sql",
  keywords: /\b(sql|query|queries|database|postgres(ql)?|mysql|sqlite|index(es)?|migrations?)\b/i,
  steps: [
    think(md`
A slow query. The plan will say why: run ´EXPLAIN (ANALYZE, BUFFERS)´ and look for sequential scans and sorts on large tables.`),
    tool(
      "run_command",
      { command: "psql -d shop -c \"EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM orders WHERE customer_id = 4711 ORDER BY created_at DESC LIMIT 20\"" },
      md`
                                                  QUERY PLAN
---------------------------------------------------------------------------------------------------------------
 Limit  (cost=98421.31..98421.36 rows=20 width=96) (actual time=812.440..812.446 rows=20 loops=1)
   Buffers: shared hit=2144 read=58921
   ->  Sort  (cost=98421.31..98433.72 rows=4964 width=96) (actual time=812.437..812.441 rows=20 loops=1)
         Sort Key: created_at DESC
         Sort Method: top-N heapsort  Memory: 31kB
         ->  Seq Scan on orders  (cost=0.00..98289.20 rows=4964 width=96) (actual time=0.061..811.102 rows=5120 loops=1)
               Filter: (customer_id = 4711)
               Rows Removed by Filter: 6194880
 Planning Time: 0.180 ms
 Execution Time: 812.489 ms`,
    ),
    say(md`
## Why it is slow

Postgres reads **all 6.2 million rows** (´Seq Scan on orders´, 58,921 buffers from disk) to find 5,120 of one customer, then sorts them to keep 20. There is no index that serves ´customer_id = ? ORDER BY created_at DESC´.

## The fix: one composite index

´´´sql
-- CONCURRENTLY: no write lock on a live table (cannot run inside a transaction)
CREATE INDEX CONCURRENTLY idx_orders_customer_created
    ON orders (customer_id, created_at DESC);

ANALYZE orders;
´´´

With it the plan becomes an index scan that stops after 20 rows:

´´´text
 Limit  (actual time=0.041..0.083 rows=20 loops=1)
   Buffers: shared hit=24
   ->  Index Scan using idx_orders_customer_created on orders
         Index Cond: (customer_id = 4711)
 Execution Time: 0.112 ms
´´´

| | before | after |
| --- | ---: | ---: |
| execution time | 812.5 ms | 0.11 ms |
| buffers read | 61,065 | 24 |
| rows examined | 6,200,000 | 20 |

### As a migration

´´´sql
-- migrations/20240611_orders_customer_created.sql
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer_created
    ON orders (customer_id, created_at DESC);

-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS idx_orders_customer_created;
´´´

**Check before you ship:**

1. the old ´idx_orders_customer_id´ is now redundant — the new index's first column covers it; drop it to save write cost
2. build time on production: roughly 40 s for this table; ´CONCURRENTLY´ keeps reads and writes going
3. if the query ever filters on ´status´ too, a partial index (´WHERE status = 'open'´) is smaller still

Reference: [Multicolumn indexes](https://www.postgresql.org/docs/current/indexes-multicolumn.html) and [Indexes and ORDER BY](https://www.postgresql.org/docs/current/indexes-ordering.html).`),
  ],
};

const devops: DemoScript = {
  name: "devops",
  keywords: /\b(docker\w*|deploy\w*|containeri[sz]e|container|kubernetes|k8s|helm|ci|pipeline|github actions|workflow|yaml)\b/i,
  steps: [
    think(md`
Containerize the service. Look at what exists (a Dockerfile?), the runtime (Node/Bun?), then write a small multi-stage image and a CI workflow that builds and pushes it.`),
    tool("read_file", { path: "Dockerfile" }, "ENOENT: no such file or directory, open 'Dockerfile'", true),
    tool("read_file", { path: "package.json" }, md`
{
  "name": "orders-api",
  "type": "module",
  "scripts": { "start": "bun src/server.ts", "test": "bun test" },
  "dependencies": { "hono": "^4.4.0", "postgres": "^3.4.4" }
}`),
    tool(
      "apply_patch",
      { path: "Dockerfile", create: true },
      md`
--- /dev/null
+++ b/Dockerfile
@@ -0,0 +1,14 @@
+FROM oven/bun:1.1 AS deps
+WORKDIR /app
+COPY package.json bun.lockb ./
+RUN bun install --frozen-lockfile --production
+
+FROM oven/bun:1.1-slim
+WORKDIR /app
+ENV NODE_ENV=production
+COPY --from=deps /app/node_modules ./node_modules
+COPY src ./src
+COPY package.json ./
+USER bun
+EXPOSE 3000
+CMD ["bun", "src/server.ts"]`,
    ),
    say(md`
There was no Dockerfile yet, so I added one. It is a **two-stage build**: dependencies are installed in a full image, and only ´node_modules´ plus the source are copied into the slim runtime image, which runs as the unprivileged ´bun´ user.

´´´dockerfile
FROM oven/bun:1.1 AS deps
WORKDIR /app
COPY package.json bun.lockb ./
RUN bun install --frozen-lockfile --production

FROM oven/bun:1.1-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY src ./src
COPY package.json ./
USER bun
EXPOSE 3000
CMD ["bun", "src/server.ts"]
´´´

## CI: test, build, push

´´´yaml
# .github/workflows/image.yml
name: image
on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      packages: write
    steps:
      - uses: actions/checkout@v4
      - uses: oven-sh/setup-bun@v2
      - run: bun install --frozen-lockfile && bun test
      - uses: docker/login-action@v3
        with:
          registry: ghcr.io
          username: \${{ github.actor }}
          password: \${{ secrets.GITHUB_TOKEN }}
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: ghcr.io/\${{ github.repository }}:\${{ github.sha }}
          cache-from: type=gha
          cache-to: type=gha,mode=max
´´´

## Checklist

| item | status |
| --- | --- |
| image runs as non-root | ✅ ´USER bun´ |
| lockfile respected | ✅ ´--frozen-lockfile´ |
| layer cache in CI | ✅ ´type=gha´ |
| health check | ⚠️ add ´HEALTHCHECK CMD bun src/health.ts´ once ´/healthz´ exists |
| secrets | ⚠️ pass ´DATABASE_URL´ at run time, never ´COPY .env´ |

Add a ´.dockerignore´ with ´node_modules´, ´.git´ and ´*.log´ so the build context stays small. More in Docker's [multi-stage build guide](https://docs.docker.com/build/building/multi-stage/).`),
  ],
};

const testing: DemoScript = {
  name: "testing",
  keywords: /\b(tests?|testing|spec|coverage|unit|go test|golang)\b/i,
  steps: [
    think(md`
Write tests for the cache. Find the implementation, see its API and edge cases (expiry, capacity, eviction order), then write a table-driven test in the project's style.`),
    tool("search", { query: "type LRU", path: "internal/" }, md`
internal/cache/lru.go:12:type LRU[K comparable, V any] struct {
internal/cache/lru.go:31:func New[K comparable, V any](capacity int, ttl time.Duration, now func() time.Time) *LRU[K, V] {
internal/cache/lru.go:44:func (c *LRU[K, V]) Get(key K) (V, bool) {
internal/cache/lru.go:61:func (c *LRU[K, V]) Put(key K, value V) {`),
    tool("read_file", { path: "internal/cache/lru.go", lines: [31, 80] }, md`
31 func New[K comparable, V any](capacity int, ttl time.Duration, now func() time.Time) *LRU[K, V] {
32     return &LRU[K, V]{cap: capacity, ttl: ttl, now: now, items: map[K]*list.Element{}, order: list.New()}
33 }
...
44 func (c *LRU[K, V]) Get(key K) (V, bool) {
45     el, ok := c.items[key]
46     if !ok || c.now().After(el.Value.(*entry[K, V]).expires) {
47         var zero V
48         return zero, false
49     }
50     c.order.MoveToFront(el)
51     return el.Value.(*entry[K, V]).value, true
52 }`),
    tool(
      "apply_patch",
      { path: "internal/cache/lru_test.go", create: true },
      md`
--- /dev/null
+++ b/internal/cache/lru_test.go
@@ -0,0 +1,12 @@
+package cache
+
+import (
+	"testing"
+	"time"
+)
+
+func TestLRU(t *testing.T) {
+	// table-driven cases: hit, miss, expiry, eviction order, update keeps size
+	...
+}`,
    ),
    tool("run_command", { command: "go test ./internal/cache/ -run TestLRU -v" }, md`
=== RUN   TestLRU
=== RUN   TestLRU/hit
=== RUN   TestLRU/miss
=== RUN   TestLRU/expired
=== RUN   TestLRU/evicts_least_recently_used
=== RUN   TestLRU/get_refreshes_recency
=== RUN   TestLRU/update_does_not_grow
--- PASS: TestLRU (0.00s)
    --- PASS: TestLRU/hit (0.00s)
    --- PASS: TestLRU/miss (0.00s)
    --- PASS: TestLRU/expired (0.00s)
    --- PASS: TestLRU/evicts_least_recently_used (0.00s)
    --- PASS: TestLRU/get_refreshes_recency (0.00s)
    --- PASS: TestLRU/update_does_not_grow (0.00s)
PASS
ok  	example.com/orders/internal/cache	0.004s	coverage: 94.1% of statements`),
    say(md`
## Tests for ´internal/cache´

The cache takes its clock as a parameter (´now func() time.Time´), which makes expiry testable without sleeping. Six cases, table-driven:

´´´go
func TestLRU(t *testing.T) {
	t0 := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

	tests := []struct {
		name    string
		ops     func(c *LRU[string, int], clock *time.Time)
		key     string
		want    int
		wantHit bool
	}{
		{"hit", func(c *LRU[string, int], _ *time.Time) { c.Put("a", 1) }, "a", 1, true},
		{"miss", func(c *LRU[string, int], _ *time.Time) {}, "a", 0, false},
		{"expired", func(c *LRU[string, int], clock *time.Time) {
			c.Put("a", 1)
			*clock = clock.Add(2 * time.Minute)
		}, "a", 0, false},
		{"evicts least recently used", func(c *LRU[string, int], _ *time.Time) {
			c.Put("a", 1); c.Put("b", 2); c.Put("c", 3) // capacity 2: "a" goes
		}, "a", 0, false},
		{"get refreshes recency", func(c *LRU[string, int], _ *time.Time) {
			c.Put("a", 1); c.Put("b", 2); c.Get("a"); c.Put("c", 3) // now "b" goes
		}, "a", 1, true},
		{"update does not grow", func(c *LRU[string, int], _ *time.Time) {
			c.Put("a", 1); c.Put("a", 5); c.Put("b", 2)
		}, "a", 5, true},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := t0
			c := New[string, int](2, time.Minute, func() time.Time { return clock })
			tt.ops(c, &clock)
			got, ok := c.Get(tt.key)
			if ok != tt.wantHit || got != tt.want {
				t.Fatalf("Get(%q) = %d, %v; want %d, %v", tt.key, got, ok, tt.want, tt.wantHit)
			}
		})
	}
}
´´´

**Result:** all 6 pass, statement coverage of the package went from 61.3 % to **94.1 %**.

What is still uncovered:

- ´Len()´ after expiry — expired entries are only removed lazily, so ´Len´ can over-count; worth a decision (and a test) of its own
- concurrent use: the type has no mutex. Run ´go test -race´ once a caller shares it between goroutines

See [Using subtests](https://go.dev/blog/subtests) for more on ´t.Run´ with table-driven tests.`),
  ],
};

const explain: DemoScript = {
  name: "explain",
  keywords: /\b(explain|what is|what's|what are|how does|how do|why|difference|compare|vs\.?|versus)\b/i,
  steps: [
    think(md`
A conceptual question. A good answer defines the idea in one paragraph, shows it in code, compares the options in a table, and points to sources. Backpressure in streaming is a good concrete frame: producers and consumers running at different speeds.`),
    tool("search", { query: "ReadableStream highWaterMark pull", path: "node_modules/undici/lib/" }, md`
lib/web/fetch/body.js:57:      highWaterMark: 16384,
lib/web/fetch/index.js:1932:    pull: async (controller) => {
lib/web/fetch/index.js:1940:      // backpressure: only read from the socket when the consumer asks`),
    say(md`
# Backpressure, briefly

**Backpressure** is how a fast producer learns that its consumer is slow, so it stops producing instead of buffering without limit. Without it a stream's memory grows with the *difference* in speed times the *duration* — fine for a second, fatal for an hour.

## In web streams

A ´ReadableStream´ calls ´pull()´ only when its internal queue is below the ´highWaterMark´. If the consumer stops reading, ´pull´ stops being called, and the source (a socket, a file) stops being read:

´´´ts
const source = new ReadableStream<Uint8Array>(
  {
    async pull(controller) {
      const chunk = await socket.read(); // only runs when there is room
      if (chunk === null) controller.close();
      else controller.enqueue(chunk);
    },
  },
  new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
);

for await (const chunk of source) {
  await render(chunk); // slow consumer: pull() waits for us
}
´´´

The same idea in Go is a bounded channel — a send blocks when the buffer is full:

´´´go
events := make(chan Event, 64) // at most 64 in flight
go func() {
	for ev := range upstream {
		events <- ev // blocks while the UI is behind
	}
	close(events)
}()
´´´

## Strategies compared

| strategy | memory | latency | loses data? | good for |
| --- | --- | --- | --- | --- |
| block the producer | bounded | grows | no | files, TCP, pipelines |
| unbounded buffer | **unbounded** | low at first | no (until OOM) | short bursts only |
| drop newest / oldest | bounded | low | yes | metrics, video frames |
| coalesce (keep latest) | bounded | low | intermediate states | UI state, progress bars |

A terminal UI usually wants the last row: **coalesce**. Append text as it arrives, but *render* at most N times a second — the renderer never falls behind because it always draws the latest state.

## Further reading

- [Streams Standard: backpressure](https://streams.spec.whatwg.org/#backpressure)
- [Node.js: Backpressuring in streams](https://nodejs.org/en/learn/modules/backpressuring-in-streams)
- [Go: pipelines and cancellation](https://go.dev/blog/pipelines)`),
  ],
};

const refactor: DemoScript = {
  name: "refactor",
  keywords: /\b(refactor\w*|clean ?up|rename|extract|split|restructure|simplify|tidy)\b/i,
  steps: [
    think(md`
A refactor. Find every use of the function first, so the change is mechanical and complete; then extract, update callers, and keep the tests green.`),
    tool("search", { query: "formatPrice(", path: "src/" }, md`
src/cart/summary.ts:14:  const total = formatPrice(cart.total, "EUR");
src/cart/line.ts:22:    price: formatPrice(line.unit * line.qty, cart.currency),
src/checkout/receipt.ts:41:  lines.push(\`Total: \${formatPrice(order.total, order.currency)}\`);
src/utils.ts:88:export function formatPrice(amount: number, currency: string): string {`),
    tool(
      "apply_patch",
      { path: "src/utils.ts" },
      md`
--- a/src/utils.ts
+++ b/src/utils.ts
@@ -85,12 +85,3 @@
-const formatters = new Map<string, Intl.NumberFormat>();
-
-export function formatPrice(amount: number, currency: string): string {
-  let f = formatters.get(currency);
-  if (!f) {
-    f = new Intl.NumberFormat("de-DE", { style: "currency", currency });
-    formatters.set(currency, f);
-  }
-  return f.format(amount / 100);
-}
+export { formatPrice } from "./money.ts";`,
    ),
    tool("run_command", { command: "bunx tsc --noEmit && bun test" }, md`
 38 pass
 0 fail
Ran 38 tests across 9 files. [1.21s]`),
    say(md`
## ´formatPrice´ moved to ´src/money.ts´

´utils.ts´ had grown into a drawer of unrelated helpers. Money formatting now lives in its own module, with the locale as a parameter instead of the hard-coded ´"de-DE"´:

´´´ts
// src/money.ts
const formatters = new Map<string, Intl.NumberFormat>();

/** Formats an amount in minor units (cents) for display. */
export function formatPrice(amountMinor: number, currency: string, locale = "de-DE"): string {
  const key = \`\${locale}|\${currency}\`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, f);
  }
  return f.format(amountMinor / 100);
}
´´´

´utils.ts´ re-exports it, so the three call sites keep working unchanged; they can switch their imports at leisure.

| file | change |
| --- | --- |
| ´src/money.ts´ | new: ´formatPrice´ with a ´locale´ parameter |
| ´src/utils.ts´ | −10 lines, one re-export |
| ´src/cart/*.ts´, ´src/checkout/receipt.ts´ | unchanged |

Typecheck and tests: **38 pass, 0 fail**.

> The formatter cache matters: constructing an ´Intl.NumberFormat´ costs about 20 µs, formatting with a cached one about 0.3 µs.`),
  ],
};

const overview: DemoScript = {
  name: "overview",
  steps: [
    think(md`
The request is open-ended. A useful first step in an unknown codebase is to get oriented: list the layout, read the README, and summarize what is where before proposing changes.`),
    tool("run_command", { command: "git ls-files | cut -d/ -f1-2 | sort | uniq -c | sort -rn | head" }, md`
     42 src/api
     31 src/core
     18 tests/api
     12 src/db
      9 scripts
      6 docs
      3 .github/workflows`),
    tool("read_file", { path: "README.md", lines: [1, 20] }, md`
# orders

Order intake and fulfilment service. HTTP API (Hono) in front of Postgres.

## Development

    bun install
    bun run dev        # watches src/, restarts on change
    bun test           # unit + API tests against a throwaway database`),
    say(md`
## Where things are

This is **orders**, an HTTP service (Hono on Bun) in front of Postgres. Here is the lay of the land:

| folder | files | what lives there |
| --- | ---: | --- |
| ´src/api´ | 42 | route handlers, request validation, auth middleware |
| ´src/core´ | 31 | domain logic: pricing, stock, order state machine |
| ´src/db´ | 12 | queries and migrations |
| ´tests/api´ | 18 | API tests against a throwaway database |
| ´scripts´ | 9 | seed data, one-off maintenance |

### How a request flows

1. ´src/api/router.ts´ matches the route and runs ´auth´ and ´validate´ middleware
2. the handler calls into ´src/core´, which never touches HTTP types
3. ´src/core´ talks to the database only through ´src/db/queries.ts´

´´´ts
// the shape every handler follows
app.post("/orders", validate(CreateOrder), async (c) => {
  const order = await placeOrder(c.get("db"), c.req.valid("json"));
  return c.json(order, 201);
});
´´´

### Good first steps

- run ´bun test´ to check the baseline is green
- read ´src/core/order-state.ts´: the state machine is the heart of the service
- ´docs/adr/´ explains the big decisions (why Hono, why no ORM)

What would you like to do — fix something, add a feature, or dig into one of these areas?`),
  ],
};

/** Scripts tried in order against the prompt; the first whose keywords match wins. */
export const SCRIPTS: readonly DemoScript[] = [greeting, debugging, sql, python, devops, testing, performance, refactor, explain, overview];

/** Scripts for prompts that match no keywords, varied from turn to turn. */
export const FALLBACKS: readonly DemoScript[] = [overview, explain, refactor, performance];
