/**
 * Model and tool text never reaches the terminal raw. Policy:
 * - complete escape sequences (CSI, OSC, DCS, SOS, PM, APC, and two-byte ESC x) are removed
 *   whole: they are colour, cursor, title or clipboard (OSC 52) requests, never content;
 * - any other C0/C1 control, DEL and a stray ESC become visible Control Pictures (␛, ␇, …);
 *   tab and newline stay; carriage returns are dropped (CRLF is a newline);
 * - bidi overrides and isolates (U+202A–202E, U+2066–2069) and lone surrogates become U+FFFD,
 *   so text cannot reorder what the reader sees.
 * Streaming: `Sanitizer.push` holds back an unfinished sequence (or a high surrogate) at the
 * end of a chunk until the next chunk decides it, so any split gives the same output as
 * `sanitize` on the whole text. Plain ASCII is returned unchanged after one regex test.
 */

const SUSPECT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** Longest escape sequence we wait for; past it the ESC is shown and the rest is text. */
const MAX_SEQUENCE = 4096;

const ESC = 0x1b;
const BEL = 0x07;

function picture(c: number): string {
  if (c === 0x7f) return "\u2421";
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  return "\ufffd"; // C1 controls have no Control Picture.
}

const enum Scan {
  /** Needs more input to decide. */
  More = -1,
  /** Not a sequence we recognise: show the ESC. */
  Stray = -2,
}

/**
 * Length of the escape sequence starting at `i` (text[i] is ESC or a C1 introducer),
 * or a Scan verdict. `final` means no more input will come.
 */
function scanSequence(text: string, i: number, final: boolean): number {
  const n = text.length;
  let kind: number;
  let j: number;
  const c0 = text.charCodeAt(i);
  if (c0 === ESC) {
    if (i + 1 >= n) return final ? Scan.Stray : Scan.More;
    const c1 = text.charCodeAt(i + 1);
    if (c1 === 0x5b) kind = 0x9b; // [ CSI
    else if (c1 === 0x5d) kind = 0x9d; // ] OSC
    else if (c1 === 0x50) kind = 0x90; // P DCS
    else if (c1 === 0x58) kind = 0x98; // X SOS
    else if (c1 === 0x5e) kind = 0x9e; // ^ PM
    else if (c1 === 0x5f) kind = 0x9f; // _ APC
    else if (c1 >= 0x20 && c1 <= 0x2f) {
      // nF: intermediates then one final byte (e.g. ESC ( B charset selection).
      j = i + 2;
      while (j < n && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
      if (j >= n) return final ? Scan.Stray : Scan.More;
      const f = text.charCodeAt(j);
      return f >= 0x30 && f <= 0x7e ? j + 1 - i : Scan.Stray;
    } else if (c1 >= 0x30 && c1 <= 0x7e) return 2; // Fp/Fe/Fs: ESC 7, ESC c, ESC M, …
    else return Scan.Stray;
    j = i + 2;
  } else {
    kind = c0;
    j = i + 1;
  }
  if (kind === 0x9b) {
    // CSI: parameter bytes 0x30–0x3f, intermediates 0x20–0x2f, one final 0x40–0x7e.
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c >= 0x20 && c <= 0x3f) {
        j++;
        if (j - i > MAX_SEQUENCE) return Scan.Stray;
        continue;
      }
      return c >= 0x40 && c <= 0x7e ? j + 1 - i : Scan.Stray;
    }
    return final ? Scan.Stray : Scan.More;
  }
  if (kind === 0x9d || kind === 0x90 || kind === 0x98 || kind === 0x9e || kind === 0x9f) {
    // String sequences: anything up to ST (ESC \ or 0x9c); OSC also ends at BEL.
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x9c) return j + 1 - i;
      if (c === BEL && kind === 0x9d) return j + 1 - i;
      if (c === ESC) {
        if (j + 1 >= n) return final ? Scan.Stray : Scan.More;
        if (text.charCodeAt(j + 1) === 0x5c) return j + 2 - i;
      }
      j++;
      if (j - i > MAX_SEQUENCE) return Scan.Stray;
    }
    return final ? Scan.Stray : Scan.More;
  }
  return Scan.Stray;
}

function isIntroducer(c: number): boolean {
  return c === 0x9b || c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f;
}

/**
 * Sanitizes `text` from `start`; returns [output, index where undecided input begins].
 * With `final`, everything is decided.
 */
function clean(text: string, start: number, final: boolean): [string, number] {
  let out = "";
  let from = start;
  let i = start;
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c === 0x0a || c === 0x09) continue;
    if (c < 0x7f + 0x21 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      if (c === ESC || isIntroducer(c)) {
        const len = scanSequence(text, i, final);
        if (len === Scan.More) {
          out += text.slice(from, i);
          return [out, i];
        }
        out += text.slice(from, i);
        if (len === Scan.Stray) {
          out += picture(c);
          from = i + 1;
        } else {
          from = i + len;
          i = from - 1;
        }
        continue;
      }
      if (c >= 0x80 && c < 0xa0) {
        out += text.slice(from, i) + picture(c);
        from = i + 1;
        continue;
      }
      if (c < 0x20 || c === 0x7f) {
        out += text.slice(from, i) + (c === 0x0d ? "" : picture(c));
        from = i + 1;
        continue;
      }
      if (c >= 0x202a) {
        out += text.slice(from, i) + "\ufffd";
        from = i + 1;
      }
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 >= n) {
        if (!final) {
          out += text.slice(from, i);
          return [out, i];
        }
        out += text.slice(from, i) + "\ufffd";
        from = i + 1;
        continue;
      }
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      out += text.slice(from, i) + "\ufffd";
      from = i + 1;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += text.slice(from, i) + "\ufffd";
      from = i + 1;
    }
  }
  out += from === 0 ? text : text.slice(from);
  return [out, n];
}

/** The whole-text form: same result as pushing any split of `text` and flushing. */
export function sanitize(text: string): string {
  if (!SUSPECT.test(text)) return text;
  const i = text.search(SUSPECT);
  const [out] = clean(text, i, true);
  return text.slice(0, i) + out;
}

/** Streaming form: feed chunks in order, then `flush()` once at the end. */
export class Sanitizer {
  private pending = "";

  /** Returns the text that is decided so far; keeps an unfinished sequence for later. */
  push(chunk: string): string {
    const text = this.pending.length > 0 ? this.pending + chunk : chunk;
    this.pending = "";
    const first = text.search(SUSPECT);
    if (first < 0) return text;
    const [out, stop] = clean(text, first, false);
    if (stop < text.length) this.pending = text.slice(stop);
    return text.slice(0, first) + out;
  }

  /** Decides whatever is still held back (an unfinished sequence becomes visible). */
  flush(): string {
    if (this.pending.length === 0) return "";
    const text = this.pending;
    this.pending = "";
    return clean(text, 0, true)[0];
  }

  /** Characters held back waiting for the rest of a sequence. */
  get held(): number {
    return this.pending.length;
  }
}
