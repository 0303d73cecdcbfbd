/**
 * The models a server offers, for /model's picker: `GET /models` on OpenAI-compatible
 * servers (OpenAI, Ollama, llama.cpp, vLLM, LM Studio, OpenRouter), `GET /v1/models`
 * (paged) on Anthropic. One short request with its own timeout; failures become one
 * sentence without the key in it.
 */
import { DEMO_MODEL } from "./demo/demo.ts";
import type { ProviderSpec } from "./create.ts";
import { hostOf, redact, urlRoot } from "./http.ts";

export interface ModelInfo {
  id: string;
  /** A human name when the server gives one (Anthropic's display_name). */
  label?: string;
}

export class ModelListError extends Error {
  override name = "ModelListError";
}

const LIST_TIMEOUT_MS = 10_000;
const ANTHROPIC_VERSION = "2023-06-01";
/** Anthropic pages its list; more pages than this means something is wrong. */
const MAX_PAGES = 20;

type Spec = Pick<ProviderSpec, "name" | "baseUrl" | "apiKey" | "model">;

/** The server's models, sorted by id (Anthropic's newest-first order is kept). */
export async function listModels(spec: Spec, signal?: AbortSignal): Promise<ModelInfo[]> {
  switch (spec.name) {
    case "demo":
      return [{ id: DEMO_MODEL, label: "the built-in demo agent" }];
    case "replay":
      return [{ id: spec.model, label: "the recording being replayed" }];
    case "openai": {
      const body = await getJson(`${urlRoot(spec.baseUrl)}/models`, bearer(spec.apiKey), spec, signal);
      return ids(body).sort((a, b) => a.id.localeCompare(b.id));
    }
    case "anthropic": {
      const root = urlRoot(spec.baseUrl);
      const base = `${root}${root.endsWith("/v1") ? "" : "/v1"}/models?limit=1000`;
      const headers: Record<string, string> = { "anthropic-version": ANTHROPIC_VERSION };
      if (spec.apiKey) headers["x-api-key"] = spec.apiKey;
      const out: ModelInfo[] = [];
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const body = await getJson(after ? `${base}&after_id=${encodeURIComponent(after)}` : base, headers, spec, signal);
        const models = ids(body);
        out.push(...models);
        const more = (body as { has_more?: unknown }).has_more === true;
        const last = (body as { last_id?: unknown }).last_id;
        if (!more || models.length === 0) break;
        after = typeof last === "string" ? last : models[models.length - 1]!.id;
      }
      return out;
    }
  }
}

function bearer(key: string | undefined): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}

async function getJson(url: string, headers: Record<string, string>, spec: Spec, outer?: AbortSignal): Promise<unknown> {
  const secrets = spec.apiKey ? [spec.apiKey] : [];
  const where = `the server at ${hostOf(url)}`;
  const signal = outer ? AbortSignal.any([outer, AbortSignal.timeout(LIST_TIMEOUT_MS)]) : AbortSignal.timeout(LIST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json", ...headers }, signal });
  } catch (err) {
    if (outer?.aborted) throw err;
    const name = (err as { name?: string }).name;
    if (name === "TimeoutError") throw new ModelListError(`${where} did not list its models within ${LIST_TIMEOUT_MS / 1000} s`);
    throw new ModelListError(redact(`could not reach ${where}: ${err instanceof Error ? err.message : String(err)}`, secrets));
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403)
    throw new ModelListError(`${where} refused to list models (${response.status}): check the API key`);
  if (!response.ok) throw new ModelListError(redact(`${where} could not list models (${response.status})${excerpt(text)}`, secrets));
  try {
    return JSON.parse(text);
  } catch {
    throw new ModelListError(`${where} answered the model list with something that is not JSON`);
  }
}

/** `{data: [{id}]}` (both APIs), or Ollama's native `{models: [{name}]}` when a base URL points there. */
function ids(body: unknown): ModelInfo[] {
  const b = body as { data?: unknown; models?: unknown };
  const list = Array.isArray(b?.data) ? b.data : Array.isArray(b?.models) ? b.models : [];
  const out: ModelInfo[] = [];
  for (const m of list as Record<string, unknown>[]) {
    const id = typeof m?.id === "string" ? m.id : typeof m?.name === "string" ? m.name : undefined;
    if (!id) continue;
    const label = typeof m.display_name === "string" && m.display_name !== id ? m.display_name : undefined;
    out.push(label ? { id, label } : { id });
  }
  return out;
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  if (oneLine === "") return "";
  return `: ${oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine}`;
}
