// Cloudflare Workers (workerd): code cannot compile wasm from bytes at run time, so the .wasm is
// imported as a module (the runtime compiles it at upload/startup) and instantiated synchronously.
// Nothing is downloaded per request, so Workers load the speed build, as Node does. With the
// nodejs_compat flag, node:crypto is reachable through process.getBuiltinModule and large bodies
// are hashed natively; without it the HMAC runs in wasm.
// @ts-expect-error: resolved by the Workers runtime (CompiledWasm module rule)
import wasmModule from './hooksig_node.wasm';
import { _init, type Exports } from './api.js';
import { builtins, nodeHost, type NodeCrypto } from './host-node.js';

// The module imports nothing (bindings/wasm/src/lib.rs): no glue is needed to instantiate it.
const exports = new WebAssembly.Instance(wasmModule as WebAssembly.Module).exports as unknown as Exports;
let nodeCrypto: NodeCrypto | undefined;
try {
  nodeCrypto = builtins()?.('node:crypto') as NodeCrypto | undefined;
} catch {
  nodeCrypto = undefined;
}
const native = nodeCrypto;
_init({
  exports,
  host: typeof native?.createHmac === 'function' && typeof native.createHash === 'function' ? nodeHost(() => native) : undefined,
  random: (b) => void globalThis.crypto.getRandomValues(b),
});

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
