// The host HMAC for runtimes with `node:crypto` (Node, Deno, Bun, Workers with nodejs_compat):
// wasm calls `digest` (one-shot, for up to 64 KiB of signed content: bindings/wasm ONE_SHOT_MAX) or
// begin/update/finish (streaming, above it), all through `call`, with offsets into its memory; the
// views below are not copies.
// These functions never throw into wasm (an exception unwinding through wasm would leave the Rust
// side's borrow of the Hook held): a failure is recorded, the tag stays zero (so nothing can
// verify), and the facade rethrows the failure once wasm has returned.

import { memoryViews } from './memory.js';

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

export function nodeHost(crypto: () => NodeCrypto, memory: () => WebAssembly.Memory, threshold = HOST_THRESHOLD) {
  let hmac: Hmac | null = null;
  let failure: unknown;
  const all = memoryViews(memory).bytes;
  const view = (ptr: number, len: number) => all().subarray(ptr, ptr + len);
  const begin = (sha1: boolean, key: number, keyLen: number): void => {
    try {
      hmac = crypto().createHmac(sha1 ? 'sha1' : 'sha256', view(key, keyLen));
    } catch (e) {
      hmac = null;
      failure ??= e;
    }
  };
  const update = (data: number, len: number): void => {
    try {
      hmac?.update(view(data, len));
    } catch (e) {
      failure ??= e;
    }
  };
  const finish = (out: number): void => {
    try {
      if (hmac) all().set(hmac.digest(), out);
    } catch (e) {
      failure ??= e;
    }
    hmac = null;
  };
  const digest = (sha1: boolean, data: number, len: number, out: number): void => {
    try {
      const c = crypto();
      const algorithm = sha1 ? 'sha1' : 'sha256';
      const input = view(data, len);
      all().set(typeof c.hash === 'function' ? c.hash(algorithm, input, 'buffer') : c.createHash(algorithm).update(input).digest(), out);
    } catch (e) {
      failure ??= e;
    }
  };
  // One entry point, as bindings/wasm/src/host.rs calls it (`op` numbers there): one import
  // signature for V8 to compile a wrapper for when the module is instantiated, not four.
  const object = {
    call(op: number, a: number, b: number, c: number): void {
      const sha1 = (op & 1) === 1;
      switch (op >>> 1) {
        case 0:
          return digest(sha1, a, b, c);
        case 1:
          return begin(sha1, a, b);
        case 2:
          return update(a, b);
        case 3:
          return finish(a);
        default:
          failure ??= new Error(`hooksig: unknown host operation ${op}`);
      }
    },
  };
  return {
    object,
    threshold,
    failure(): unknown {
      const f = failure;
      failure = undefined;
      return f;
    },
  };
}
