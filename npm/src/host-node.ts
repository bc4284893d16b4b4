// The host HMAC for runtimes with `node:crypto` (Node, Deno, Bun, Workers with nodejs_compat):
// wasm calls begin/update/finish with offsets into its memory; the views below are not copies.
// These functions never throw into wasm (an exception unwinding through wasm would leave the Rust
// side's borrow of the Hook held): a failure is recorded, the tag stays zero (so nothing can
// verify), and the facade rethrows the failure once wasm has returned.

interface Hmac {
  update(data: Uint8Array): Hmac;
  digest(): Uint8Array;
}
type CreateHmac = (algorithm: string, key: Uint8Array) => Hmac;

// Below this many bytes of signed content the HMAC runs in wasm: a call into node:crypto costs a
// fixed ~1.5 µs (createHmac sets up an OpenSSL context) that wasm SHA-256 beats on small bodies.
// Measured by `make bench` (the "host-HMAC switch-over" line): see npm/README.md.
export const HOST_THRESHOLD = 1024;

export function nodeHost(createHmac: CreateHmac, memory: () => WebAssembly.Memory, threshold = HOST_THRESHOLD) {
  let hmac: Hmac | null = null;
  let failure: unknown;
  // One view of all of wasm memory, re-made only when memory grows (the old buffer is then
  // detached: byteLength 0).
  let mem = new Uint8Array(0);
  const all = (): Uint8Array => (mem.byteLength !== 0 ? mem : (mem = new Uint8Array(memory().buffer)));
  const view = (ptr: number, len: number) => all().subarray(ptr, ptr + len);
  const object = {
    begin(sha1: boolean, key: number, keyLen: number): void {
      try {
        hmac = createHmac(sha1 ? 'sha1' : 'sha256', view(key, keyLen));
      } catch (e) {
        hmac = null;
        failure ??= e;
      }
    },
    update(data: number, len: number): void {
      try {
        hmac?.update(view(data, len));
      } catch (e) {
        failure ??= e;
      }
    },
    finish(out: number): void {
      try {
        if (hmac) all().set(hmac.digest(), out);
      } catch (e) {
        failure ??= e;
      }
      hmac = null;
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
