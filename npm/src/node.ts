// Node (ESM and, bundled as CJS, require), Deno and Bun: the wasm is read and compiled
// synchronously at import (about 2.5 ms), and HMACs over large bodies run in node:crypto. This entry
// loads the speed build of the same crate (hooksig_node.wasm, opt-level 3): no browser downloads it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, Hook, encode_secret } from '../pkg-node/hooksig.js';
import { _init } from './api.js';
import { nodeHost, type NodeCrypto } from './host-node.js';

// node:crypto is loaded on first use, not at import: loading it costs ~1.5-2 ms (its internal
// modules are compiled then), and most processes verify small bodies, which hash in wasm.
let nodeCrypto: (NodeCrypto & { randomFillSync(b: Uint8Array): unknown }) | undefined;
function crypto(): NonNullable<typeof nodeCrypto> {
  if (nodeCrypto) return nodeCrypto;
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const load = typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule.bind(proc) : createRequire(import.meta.url);
  return (nodeCrypto = load('node:crypto') as NonNullable<typeof nodeCrypto>);
}

const exports = initSync({ module: readFileSync(new URL('./hooksig_node.wasm', import.meta.url)) });
function threshold(): number | undefined {
  const v = Number(globalThis.process?.env?.HOOKSIG_HOST_THRESHOLD);
  return Number.isSafeInteger(v) && v >= 0 ? Math.min(v, 2 ** 32 - 1) : undefined;
}

_init({
  Hook: Hook as never,
  memory: () => exports.memory,
  encode_secret,
  // HOOKSIG_HOST_THRESHOLD (bytes) overrides where node:crypto takes over from wasm: a tuning knob
  // for npm/bench; 0 = always native, a huge value = always wasm.
  host: nodeHost(crypto, () => exports.memory, threshold()),
  random: (b) => void crypto().randomFillSync(b),
});

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
