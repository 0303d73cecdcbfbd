/**
 * "@path" in a prompt: which words name files or folders, and what is attached for
 * each. A word that names nothing (an @handle, an e-mail) stays plain text. Content is
 * capped, binary files are named but not sent, and a folder attaches its file list.
 */
import { open, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { listFiles } from "./files.ts";

export interface FileAttachment {
  name: string;
  text: string;
  summary: string;
}

export const MAX_ATTACH_BYTES = 256 * 1024;
const FOLDER_FILES = 500;
const MENTION = /(^|\s)@(?:"([^"\n]+)"|(\S+))/g;

/** The mentioned words, in order, once each; "@!" (the last `!` output) included. */
export function mentions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    const word = m[2] ?? m[3]!;
    if (!out.includes(word)) out.push(word);
  }
  return out;
}

/** How the picker writes a path into the prompt: quoted when it has a space. */
export function mentionFor(path: string): string {
  return /\s/.test(path) ? `@"${path}"` : `@${path}`;
}

/**
 * What to attach for a mentioned word, or null when it names no file or folder. A word
 * ending in punctuation ("see @a.ts,") is tried without it too.
 */
export async function attachPath(root: string, word: string): Promise<FileAttachment | null> {
  for (const candidate of [word, word.replace(/[.,;:!?)\]}'"]+$/, "")]) {
    if (candidate === "") continue;
    const full = isAbsolute(candidate) ? candidate : join(root, candidate);
    let info;
    try {
      info = await stat(full);
    } catch {
      continue;
    }
    if (info.isDirectory()) return folder(full, candidate);
    if (info.isFile()) return file(full, candidate, info.size);
  }
  return null;
}

async function file(full: string, name: string, size: number): Promise<FileAttachment> {
  const handle = await open(full, "r");
  let bytes: Uint8Array;
  try {
    const buffer = new Uint8Array(Math.min(size, MAX_ATTACH_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (bytes.subarray(0, 8192).includes(0))
    return { name, text: `(a binary file of ${formatBytes(size)}; its content was not attached)`, summary: `binary, ${formatBytes(size)}: named, not attached` };
  let text = new TextDecoder().decode(bytes);
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (size > bytes.length) {
    text += `\n… (cut: the first ${formatBytes(bytes.length)} of ${formatBytes(size)} are attached)`;
    return { name, text, summary: `first ${formatBytes(bytes.length)} of ${formatBytes(size)}` };
  }
  return { name, text, summary: `${lines} line${lines === 1 ? "" : "s"}, ${formatBytes(size)}` };
}

async function folder(full: string, name: string): Promise<FileAttachment> {
  const { files, truncated } = await listFiles(full, { maxFiles: FOLDER_FILES });
  const text = files.join("\n") + (truncated ? `\n… (more files; the first ${FOLDER_FILES} are listed)` : "");
  return { name, text: text || "(an empty folder)", summary: `folder, ${files.length}${truncated ? "+" : ""} files listed` };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${Number((n / 1048576).toFixed(1))} MB`;
}
