// What the Node entries (node.ts for ESM, node-cjs.ts for require) share: Node, Deno and Bun read
// and compile the speed build of the wasm (hooksig_node.wasm, opt-level 3; no browser downloads
// it) synchronously at import, and HMACs over all but small bodies run in node:crypto.
import { initSync } from '../pkg-node/hooksig.js';
import { _init } from './api.js';
import { nodeHost, type Load, type NodeCrypto } from './host-node.js';

export function setUp(load: Load, wasm: URL | string): void {
  // node:crypto is loaded on first use, not at import: loading it costs ~1.5-2 ms (its internal
  // modules are compiled then), and small bodies, the common case, hash in wasm.
  let nodeCrypto: (NodeCrypto & { randomFillSync(b: Uint8Array): unknown }) | undefined;
  const crypto = () => (nodeCrypto ??= load('node:crypto') as NonNullable<typeof nodeCrypto>);
  const { readFileSync } = load('node:fs') as { readFileSync(path: URL | string): Uint8Array };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(wasm);
  } catch (e) {
    // Most often an application bundled into one file without the package's .wasm beside it.
    const code = (e as { code?: unknown }).code;
    if (code !== 'ENOENT') throw e;
    throw new Error(`hooksig: ${String(wasm)} is missing; when bundling, copy hooksig/hooksig_node.wasm beside the bundle`, { cause: e });
  }
  const exports = initSync({ module: bytes });
  // HOOKSIG_HOST_THRESHOLD (bytes) overrides where node:crypto takes over from wasm: a tuning knob
  // for npm/bench and the tests; 0 = always native, a huge value = always wasm. Deno asks for a
  // permission to read it and throws without one: then it is simply not set.
  let v = NaN;
  try {
    v = Number(globalThis.process?.env?.HOOKSIG_HOST_THRESHOLD);
  } catch {
    // No permission to read the environment (Deno without --allow-env).
  }
  const threshold = Number.isSafeInteger(v) && v >= 0 ? Math.min(v, 2 ** 32 - 1) : undefined;
  _init({
    exports,
    host: nodeHost(crypto, threshold),
    random: (b) => void crypto().randomFillSync(b),
  });
}
