// The demo sender writes a custom scheme in the cross-language JSON form (snake_case, as in
// tests/vectors/README.md); the npm API takes it in camelCase. Runtime-neutral: the Worker bundles it.
const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const camelKeys = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null).map(([k, v]) => [camel(k), v]));

export function toScheme(s) {
  if (typeof s !== 'object' || s === null) return s ?? 'standard';
  const out = camelKeys(s);
  if (s.layout) out.layout = camelKeys(s.layout);
  return out;
}

export const schemeName = (s) => (typeof s === 'object' && s ? s.name : String(s ?? 'standard'));
