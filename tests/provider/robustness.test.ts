/** Whatever a server sends, decoding never throws and the event grammar holds. */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { AnthropicDecoder } from "../../src/provider/anthropic.ts";
import type { AgentEvent } from "../../src/provider/events.ts";
import { OpenAiDecoder } from "../../src/provider/openai.ts";
import type { StreamDecoder } from "../../src/provider/sse-turn.ts";
import { fold } from "./harness.ts";

const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null), fc.constant(""));

/** Payloads shaped like real chunks, with every field possibly the wrong type. */
const openAiChunk = fc.record(
  {
    choices: fc.oneof(
      scalar,
      fc.array(
        fc.record(
          {
            index: scalar,
            finish_reason: fc.oneof(scalar, fc.constantFrom("stop", "tool_calls")),
            delta: fc.oneof(
              scalar,
              fc.record(
                {
                  content: fc.oneof(scalar, fc.array(fc.record({ type: fc.constantFrom("text", "thinking", "x"), text: scalar, thinking: fc.oneof(scalar, fc.array(fc.record({ text: scalar }))) }), { maxLength: 3 })),
                  reasoning: scalar,
                  reasoning_content: scalar,
                  tool_calls: fc.oneof(
                    scalar,
                    fc.array(
                      fc.oneof(scalar, fc.record({ index: scalar, id: fc.oneof(scalar, fc.constantFrom("a", "b")), function: fc.oneof(scalar, fc.record({ name: scalar, arguments: fc.oneof(scalar, fc.dictionary(fc.string({ maxLength: 3 }), scalar)) }, { requiredKeys: [] })) }, { requiredKeys: [] })),
                      { maxLength: 3 },
                    ),
                  ),
                },
                { requiredKeys: [] },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    ),
    usage: fc.oneof(scalar, fc.record({ prompt_tokens: scalar, completion_tokens: scalar, total_tokens: scalar }, { requiredKeys: [] })),
    error: fc.oneof(fc.constant(undefined), fc.constant(null), scalar),
  },
  { requiredKeys: [] },
);

const anthropicEvent = fc.record(
  {
    type: fc.constantFrom("message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop", "ping", "error", "other"),
    index: scalar,
    message: fc.oneof(scalar, fc.record({ usage: fc.oneof(scalar, fc.record({ input_tokens: scalar, output_tokens: scalar }, { requiredKeys: [] })) }, { requiredKeys: [] })),
    content_block: fc.oneof(scalar, fc.record({ type: fc.constantFrom("text", "thinking", "tool_use", "server_tool_use", "redacted_thinking"), id: scalar, name: scalar, text: scalar, thinking: scalar, input: fc.oneof(scalar, fc.constant({ a: 1 })) }, { requiredKeys: [] })),
    delta: fc.oneof(scalar, fc.record({ type: fc.constantFrom("text_delta", "thinking_delta", "signature_delta", "input_json_delta", "x"), text: scalar, thinking: scalar, signature: scalar, partial_json: scalar, stop_reason: scalar }, { requiredKeys: [] })),
    usage: fc.oneof(scalar, fc.record({ output_tokens: scalar }, { requiredKeys: [] })),
    error: fc.oneof(scalar, fc.record({ type: scalar, message: scalar }, { requiredKeys: [] })),
  },
  { requiredKeys: ["type"] },
);

function drive(decoder: StreamDecoder, payloads: unknown[]): AgentEvent[] {
  const out: AgentEvent[] = [{ type: "turn_start" }];
  for (const p of payloads) {
    if (p === null || typeof p !== "object") continue;
    decoder.push("message", p, out);
    if (decoder.done || decoder.failed) break;
  }
  decoder.finish(out);
  out.push({ type: "turn_end", finishReason: "stop" });
  return out;
}

test("OpenAI-compatible decoding survives any chunk shape", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(openAiChunk, fc.anything()), { maxLength: 12 }), (payloads) => {
      expect(() => fold(drive(new OpenAiDecoder(), payloads))).not.toThrow();
    }),
    { numRuns: 1500 },
  );
});

test("Anthropic decoding survives any event shape", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(anthropicEvent, fc.anything()), { maxLength: 12 }), (payloads) => {
      expect(() => fold(drive(new AnthropicDecoder(), payloads))).not.toThrow();
    }),
    { numRuns: 1500 },
  );
});

test("a reused block index closes the open tool call instead of losing it", () => {
  const start = (id: string) => ({ type: "content_block_start", index: 0, content_block: { type: "tool_use", id, name: "t", input: {} } });
  const r = fold(drive(new AnthropicDecoder(), [start("a"), start("b")]));
  expect(r.toolCalls.map((c) => c.id)).toEqual(["a", "b"]);
});

test("interleaved calls without an index keep one call per id", () => {
  const chunk = { choices: [{ delta: { tool_calls: [{ id: "b" }, { id: "a" }, { id: "b", function: { name: "x" } }] } }] };
  const r = fold(drive(new OpenAiDecoder(), [chunk]));
  expect(r.toolCalls.map((c) => c.id).sort()).toEqual(["a", "b"]);
});

test("an id first seen without an index, then on an indexed placeholder, stays one call", () => {
  const chunk = { choices: [{ delta: { tool_calls: [{ id: "a" }, { index: 0 }, { id: "a", function: { name: "x" } }] } }] };
  const r = fold(drive(new OpenAiDecoder(), [chunk]));
  expect(new Set(r.toolCalls.map((c) => c.id)).size).toBe(r.toolCalls.length);
});
