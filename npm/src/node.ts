// Node ESM (`import`), Deno and Bun. See node-runtime.ts.
import { setUp, type Load } from './node-runtime.js';

// process.getBuiltinModule (Node ≥ 20.16 and 22.3, Deno, Bun) hands a builtin over as it is; a
// static `import 'node:fs'` first builds the ES module wrapper of node:fs, ~1.5-2 ms of every cold
// start (measured: npm/README.md). Older runtimes get `require` from node:module instead.
const proc = (globalThis as { process?: { getBuiltinModule?: Load } }).process;
const load: Load =
  typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule.bind(proc) : (await import('node:module')).createRequire(import.meta.url);
setUp(load, new URL('./hooksig_node.wasm', import.meta.url));

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
