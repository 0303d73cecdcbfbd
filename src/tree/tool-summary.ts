/** The argument most worth showing on a tool call's one header line. */
const PREFERRED = ["command", "cmd", "path", "file_path", "filePath", "file", "pattern", "query", "url", "location", "city", "name"];

export function argsSummary(args: unknown, argsText: string): string {
  if (args && typeof args === "object" && !Array.isArray(args)) {
    const record = args as Record<string, unknown>;
    for (const key of PREFERRED) {
      const v = record[key];
      if (typeof v === "string" && v.length > 0) return oneLine(v);
    }
    const entries = Object.entries(record);
    if (entries.length === 0) return "";
    return oneLine(entries.map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" "));
  }
  if (typeof args === "string") return oneLine(args.slice(0, 400));
  return oneLine(argsText.slice(0, 400));
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

export function looksLikeDiff(text: string): boolean {
  return /^(diff --git |--- \S|@@ -\d)/m.test(text.slice(0, 2000)) && /^[+-]/m.test(text);
}
