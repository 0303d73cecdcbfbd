/** /model's list: real HTTP to a Bun.serve on 127.0.0.1 speaking each API's models endpoint. */
import { afterEach, expect, test } from "bun:test";
import { listModels, ModelListError } from "../../src/provider/models.ts";
import { serve, type Served } from "./harness.ts";

let server: Served | undefined;
afterEach(() => {
  server?.stop();
  server = undefined;
});

const KEY = "sk-test-secret-key-123456";

test("OpenAI-compatible: GET {base}/models with the bearer key, sorted by id", async () => {
  server = serve(() => Response.json({ object: "list", data: [{ id: "qwen3:8b" }, { id: "llama3.2" }, { object: "model" }] }));
  const models = await listModels({ name: "openai", baseUrl: `${server.url}/v1/`, apiKey: KEY, model: "x" });
  expect(models).toEqual([{ id: "llama3.2" }, { id: "qwen3:8b" }]);
  expect(server.requests[0]!.path).toBe("/v1/models");
  expect(server.requests[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
});

test("Anthropic: GET /v1/models with x-api-key and the version header, following pages", async () => {
  server = serve((req) => {
    const after = new URL(req.url).searchParams.get("after_id");
    return after === null
      ? Response.json({ data: [{ id: "claude-opus-4-1", display_name: "Claude Opus 4.1" }], has_more: true, last_id: "claude-opus-4-1" })
      : Response.json({ data: [{ id: "claude-3-haiku", display_name: "Claude Haiku 3" }], has_more: false, last_id: "claude-3-haiku" });
  });
  const models = await listModels({ name: "anthropic", baseUrl: server.url, apiKey: KEY, model: "x" });
  expect(models).toEqual([
    { id: "claude-opus-4-1", label: "Claude Opus 4.1" },
    { id: "claude-3-haiku", label: "Claude Haiku 3" },
  ]);
  const [first, second] = server.requests;
  expect(first!.path).toBe("/v1/models");
  expect(first!.headers.get("x-api-key")).toBe(KEY);
  expect(first!.headers.get("anthropic-version")).toBe("2023-06-01");
  expect(second!.path).toBe("/v1/models");
});

test("a refused key or a server error is one sentence without the key", async () => {
  server = serve((_req, n) => (n === 1 ? new Response("nope", { status: 401 }) : new Response(`bad ${KEY}`, { status: 500 })));
  const spec = { name: "openai" as const, baseUrl: server.url, apiKey: KEY, model: "x" };
  const refused = await listModels(spec).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ModelListError);
  expect((refused as Error).message).toMatch(/refused to list models \(401\): check the API key/);
  const failed = (await listModels(spec).catch((e: unknown) => e)) as Error;
  expect(failed.message).toMatch(/could not list models \(500\)/);
  expect(failed.message).not.toContain(KEY);
});

test("nothing listening: a clear message", async () => {
  server = serve(() => new Response(""));
  const url = server.url;
  server.stop();
  server = undefined;
  const err = (await listModels({ name: "openai", baseUrl: url, model: "x" }).catch((e: unknown) => e)) as Error;
  expect(err).toBeInstanceOf(ModelListError);
  expect(err.message).toMatch(/could not reach the server at 127\.0\.0\.1/);
});

test("the demo lists its one model without any network", async () => {
  expect((await listModels({ name: "demo", baseUrl: "", model: "demo" })).length).toBe(1);
});
