// What the Node entries (node.ts for ESM, node-cjs.ts for require) share: Node, Deno and Bun read
// and compile the speed build of the wasm (hooksig_node.wasm, opt-level 3; no browser downloads
// it) synchronously at import, and HMACs over all but small bodies run in node:crypto.
import { _init, type Exports } from './api.js';
import { nodeHost, type Load, type NodeCrypto } from './host-node.js';

export function setUp(load: Load, wasm: URL | string): void {
  // node:crypto is loaded on first use, not at import: loading it costs ~1.5-2 ms (its internal
  // modules are compiled then), and small bodies, the common case, hash in wasm.
  let nodeCrypto: (NodeCrypto & { randomFillSync(b: Uint8Array): unknown }) | undefined;
  const crypto = () => (nodeCrypto ??= load('node:crypto') as NonNullable<typeof nodeCrypto>);
  let bytes: Uint8Array;
  try {
    bytes = readWasm(load('node:fs') as Fs, wasm);
  } catch (e) {
    // Most often an application bundled into one file without the package's .wasm beside it.
    const code = (e as { code?: unknown }).code;
    if (code !== 'ENOENT') throw e;
    throw new Error(`hooksig: ${String(wasm)} is missing; when bundling, copy hooksig/hooksig_node.wasm beside the bundle`, { cause: e });
  }
  // The module imports nothing (bindings/wasm/src/lib.rs): no glue is needed to instantiate it.
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
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

interface Fs {
  openSync(path: URL | string, flags: string): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
  readFileSync(path: URL | string): Uint8Array;
}

// The size of the .wasm this bundle was built with (scripts/build.mjs).
declare const HOOKSIG_NODE_WASM_BYTES: number;

/**
 * The .wasm in one read into a buffer of the size the build recorded: ~0.1 ms less of a cold
 * start than a process's first `readFileSync` (its stat and helpers). A file of another size (not
 * the one built with this bundle) is read whole instead.
 */
function readWasm(fs: Fs, path: URL | string): Uint8Array {
  const fd = fs.openSync(path, 'r');
  try {
    const bytes = new Uint8Array(HOOKSIG_NODE_WASM_BYTES + 1);
    if (fs.readSync(fd, bytes, 0, bytes.length, 0) === HOOKSIG_NODE_WASM_BYTES) return bytes.subarray(0, HOOKSIG_NODE_WASM_BYTES);
  } finally {
    fs.closeSync(fd);
  }
  return fs.readFileSync(path);
}
