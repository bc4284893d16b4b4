// Shared by the node:test suites.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const npmRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(npmRoot, '..');
export const vectorsDir = join(repoRoot, 'tests', 'vectors');

/**
 * Node's LTS lines that scripts/setup.d/npm.sh installs into .tools/node, as `[version, path to
 * node]`: the packaging tests run the package under each as well as under the Node running them.
 */
export function ltsNodes() {
  const dir = join(repoRoot, '.tools', 'node');
  const versions = existsSync(dir) ? readdirSync(dir).filter((v) => /^\d+\.\d+\.\d+$/.test(v)) : [];
  if (versions.length === 0) throw new Error(`no Node LTS builds in ${dir}: run make setup-npm (scripts/setup.d/npm.sh)`);
  return versions.map((v) => [v, join(dir, v, 'bin', 'node')]);
}

/**
 * The package's two builds as Node loads them, as `[name, module]`: `node` (dist/node.mjs) and
 * `browser` (dist/browser.mjs, whose fetch of its .wasm is served here from dist/: Node's fetch
 * does not read file: URLs).
 */
export async function builds() {
  const node = await import('../dist/node.mjs');
  const fetch = globalThis.fetch;
  globalThis.fetch = async (url) => new Response(readFileSync(fileURLToPath(url)));
  try {
    return [['node', node], ['browser', await import('../dist/browser.mjs')]];
  } finally {
    globalThis.fetch = fetch;
  }
}

export function loadVectors(name) {
  return JSON.parse(readFileSync(join(vectorsDir, name), 'utf8'));
}

/** `{"utf8"}`, `{"hex"}`, `{"base64"}` → Uint8Array; a plain string stays a string. */
export function bytes(v) {
  if (typeof v === 'string') return v;
  if ('utf8' in v) return new Uint8Array(Buffer.from(v.utf8, 'utf8'));
  if ('hex' in v) return new Uint8Array(Buffer.from(v.hex, 'hex'));
  if ('base64' in v) return new Uint8Array(Buffer.from(v.base64, 'base64'));
  throw new Error(`unknown bytes encoding ${JSON.stringify(v)}`);
}

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
/** snake_case JSON custom scheme → the facade's camelCase object. */
export function scheme(s) {
  if (typeof s === 'string') return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'layout') {
      out.layout = {};
      for (const [lk, lv] of Object.entries(v)) out.layout[camel(lk)] = lk === 'type' && lv === 'key_value' ? 'keyValue' : lv;
    } else out[camel(k)] = v;
  }
  return out;
}

export function secrets(list) {
  return list.map((s) => ({
    secret: bytes(s.secret),
    ...(s.not_after !== undefined && s.not_after !== null ? { notAfter: s.not_after } : {}),
    ...(s.format ? { format: s.format } : {}),
  }));
}

/** Pairs → a plain object (repeated names become arrays, casing kept). */
export function headerObject(pairs) {
  const out = {};
  for (const [k, v] of pairs) {
    if (k in out) out[k] = [].concat(out[k], v);
    else out[k] = v;
  }
  return out;
}

export function isEd25519Case(c) {
  return c.secrets.some((s) => typeof s.secret === 'string' && /^\s*wh(sk|pk)_/.test(s.secret));
}
