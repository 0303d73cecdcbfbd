/**
 * Tool arguments declared once with zod: the JSON schema the model is offered comes from
 * the same declaration that validates what it sends, and every mistake becomes a message
 * it can act on.
 */
import { z } from "zod";
import { ToolArgumentError, type JsonSchema } from "./tool.ts";

export function jsonSchema(schema: z.ZodObject): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest as JsonSchema;
}

export function parseArgs<T>(tool: string, schema: z.ZodType<T>, args: unknown): T {
  if (typeof args === "string")
    throw new ToolArgumentError(`the arguments for ${tool} are not valid JSON (got ${JSON.stringify(args.slice(0, 200))}); send a JSON object`);
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`);
  throw new ToolArgumentError(`invalid arguments for ${tool}: ${problems.join("; ")}`);
}
