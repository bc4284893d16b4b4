// The host HMAC for runtimes with `node:crypto` (Node, Deno, Bun, Workers with nodejs_compat).
// Wasm does not call out (a module with imports costs every Node cold start ~0.6 ms): a verify or
// sign that wants a native HMAC returns NEED_HOST with the request in its report, the facade runs
// it here, and wasm reruns the operation with the answer (bindings/wasm/src/host.rs). A one-shot
// digest serves up to 64 KiB of signed content (bindings/wasm ONE_SHOT_MAX), a streaming HMAC over
// views of wasm memory (not copies) above it, with a verify's byte body read from the caller's
// bytes, which the facade does not copy into wasm (`Outside`).

import { REPORT_HOST, REPORT_HOST_RESULT, type MemoryViews } from './memory.js';

/** A builtin module by name (`node:crypto`, …). */
export type Load = (name: string) => unknown;

/**
 * `process.getBuiltinModule` (Node ≥ 20.16 and 22.3, Deno, Bun, Workers with nodejs_compat), bound;
 * `undefined` where the runtime has none. It hands a builtin over as it is, where a static import
 * first builds the builtin's ES module wrapper (~1.5-2 ms of a cold start for node:fs).
 */
export function builtins(): Load | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: Load } }).process;
  return typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule.bind(proc) : undefined;
}

interface Hmac {
  update(data: Uint8Array): Hmac;
  digest(): Uint8Array;
}
/** What the host uses of `node:crypto`. `hash` (one-shot, Node ≥ 20.12/21.7) is optional: without it a digest is `createHash().update().digest()`. */
export interface NodeCrypto {
  createHmac(algorithm: string, key: Uint8Array): Hmac;
  createHash(algorithm: string): Hmac;
  hash?: (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Uint8Array;
}

// Below this many bytes of signed content the HMAC runs in wasm: node:crypto costs a fixed ~1 µs
// per call (crypto.hash) that wasm SHA-256 matches on small bodies.
// Measured by `make bench` (the "host-HMAC switch-over" line): see npm/README.md.
export const HOST_THRESHOLD = 384;

/** Where the facade answers wasm's host requests: `run` computes the request in the report. */
export interface Host {
  threshold: number;
  run(report: number, views: MemoryViews, outside?: Outside): void;
}

/** A body the facade did not copy into wasm: the room reserved for it at `at`, and the bytes. */
export interface Outside {
  at: number;
  bytes: Uint8Array;
}

export function nodeHost(crypto: () => NodeCrypto, threshold = HOST_THRESHOLD): Host {
  return {
    threshold,
    run(report, views, outside) {
      const u32 = views.u32();
      const at = (report + REPORT_HOST) >>> 2;
      const op = u32[at];
      const a = u32[at + 1];
      const b = u32[at + 2];
      const mem = views.bytes();
      const algorithm = (op & 1) === 1 ? 'sha1' : 'sha256';
      const node = crypto();
      let result: Uint8Array;
      if (op >>> 1 === 0) {
        // DIGEST: the inner hash of a one-shot HMAC (wasm computes the outer one).
        const input = mem.subarray(a, a + b);
        result = typeof node.hash === 'function' ? node.hash(algorithm, input, 'buffer') : node.createHash(algorithm).update(input).digest();
      } else {
        // HMAC: key at a (b bytes), the message's parts listed as (address, length) pairs.
        const hmac = node.createHmac(algorithm, mem.subarray(a, a + b));
        const list = u32[at + 3] >>> 2;
        const end = list + 2 * u32[at + 4];
        for (let i = list; i < end; i += 2) {
          const isOutside = outside !== undefined && u32[i] === outside.at && u32[i + 1] === outside.bytes.length;
          hmac.update(isOutside ? outside.bytes : mem.subarray(u32[i], u32[i] + u32[i + 1]));
        }
        result = hmac.digest();
      }
      // node:crypto does not touch wasm memory: the view is still current.
      mem.set(result, report + REPORT_HOST_RESULT);
    },
  };
}
