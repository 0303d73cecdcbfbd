import { Attr, layer, style, type Style } from "../render/style.ts";
import type { Theme } from "../render/theme.ts";

const DIM = style({ attrs: Attr.DIM });
const cache = new WeakMap<Theme, Theme>();

/** The theme with every style dimmed: reasoning renders as markdown, only quieter. */
export function dimmed(theme: Theme): Theme {
  let out = cache.get(theme);
  if (!out) cache.set(theme, (out = mapStyles(theme) as Theme));
  return out;
}

function mapStyles(value: unknown): unknown {
  if (isStyle(value)) return layer(value, DIM);
  if (Array.isArray(value)) return value.map(mapStyles);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStyles(v)]));
  }
  return value;
}

function isStyle(value: unknown): value is Style {
  return !!value && typeof value === "object" && "attrs" in value && typeof (value as Style).attrs === "number";
}
