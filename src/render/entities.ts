/**
 * HTML character references in markdown text. Numeric references are decoded in full;
 * named ones from the set that shows up in real text (the full HTML table is 2,000+ names
 * and 50 KB for almost no gain). An unknown name stays literal, as a browser shows it.
 */
const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", ensp: "\u2002", emsp: "\u2003", thinsp: "\u2009",
  copy: "©", reg: "®", trade: "™", hellip: "…", mdash: "—", ndash: "–", minus: "−", shy: "\u00ad",
  lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„", laquo: "«", raquo: "»", lsaquo: "‹", rsaquo: "›",
  bull: "•", middot: "·", sdot: "⋅", times: "×", divide: "÷", plusmn: "±", deg: "°", micro: "µ", para: "¶", sect: "§",
  euro: "€", pound: "£", yen: "¥", cent: "¢", curren: "¤", dagger: "†", Dagger: "‡", permil: "‰", prime: "′", Prime: "″",
  larr: "←", rarr: "→", uarr: "↑", darr: "↓", harr: "↔", lArr: "⇐", rArr: "⇒", hArr: "⇔", crarr: "↵",
  le: "≤", ge: "≥", ne: "≠", asymp: "≈", equiv: "≡", infin: "∞", sum: "∑", prod: "∏", radic: "√", part: "∂", nabla: "∇",
  isin: "∈", notin: "∉", cap: "∩", cup: "∪", sub: "⊂", sup: "⊃", and: "∧", or: "∨", not: "¬", forall: "∀", exist: "∃",
  empty: "∅", int: "∫", there4: "∴", prop: "∝", ang: "∠", loz: "◊", spades: "♠", clubs: "♣", hearts: "♥", diams: "♦",
  check: "✓", cross: "✗", star: "☆", starf: "★", frac12: "½", frac14: "¼", frac34: "¾", sup1: "¹", sup2: "²", sup3: "³",
  iexcl: "¡", iquest: "¿", ordf: "ª", ordm: "º", macr: "¯", acute: "´", cedil: "¸", uml: "¨", circ: "ˆ", tilde: "˜",
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", zeta: "ζ", eta: "η", theta: "θ", iota: "ι", kappa: "κ",
  lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", omicron: "ο", pi: "π", rho: "ρ", sigma: "σ", tau: "τ", upsilon: "υ", phi: "φ",
  chi: "χ", psi: "ψ", omega: "ω", Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Xi: "Ξ", Pi: "Π", Sigma: "Σ", Phi: "Φ",
  Psi: "Ψ", Omega: "Ω", Auml: "Ä", Ouml: "Ö", Uuml: "Ü", auml: "ä", ouml: "ö", uuml: "ü", szlig: "ß", eacute: "é",
  egrave: "è", ecirc: "ê", aacute: "á", agrave: "à", acirc: "â", iacute: "í", oacute: "ó", uacute: "ú", ntilde: "ñ",
  ccedil: "ç", Eacute: "É", aring: "å", Aring: "Å", aelig: "æ", AElig: "Æ", oslash: "ø", Oslash: "Ø", zwj: "\u200d",
  zwnj: "\u200c", lrm: "", rlm: "",
};

const REF = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function fromCode(code: number): string {
  // Controls, surrogates and out-of-range values must not come back in through a reference.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return code === 9 || code === 10 ? String.fromCharCode(code) : "\ufffd";
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return "\ufffd";
  return String.fromCodePoint(code);
}

/** `text` with character references replaced by the characters they name. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(REF, (whole, dec: string | undefined, hexa: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return fromCode(Number.parseInt(dec, 10));
    if (hexa !== undefined) return fromCode(Number.parseInt(hexa, 16));
    return NAMED[name!] ?? whole;
  });
}
