// Node ESM (`import`), Deno and Bun. See node-runtime.ts.
import { builtins, type Load } from './host-node.js';
import { setUp } from './node-runtime.js';

// No top-level await here: an application bundled into CommonJS (esbuild's default for Node, AWS
// Lambda tooling) cannot contain one. Such a bundle has `require` and `__dirname`; native ESM has
// neither, and runtimes without process.getBuiltinModule (Node before 20.16 and 22.3) load the
// CommonJS entry instead (`require('hooksig')`).
// (`module.require`: a bare `require` would become esbuild's own shim in this file's ESM bundle.)
declare const module: { require: Load } | undefined;
declare const __dirname: string | undefined;
const load = builtins() ?? (typeof module === 'object' && module !== null ? (id: string) => module.require(id) : undefined);
if (load === undefined) {
  throw new Error('hooksig: this runtime has no process.getBuiltinModule (Node >= 20.16 or >= 22.3); use require("hooksig")');
}
// The .wasm beside this file: by import.meta.url, which native ESM always has; a CommonJS bundle has
// none (esbuild empties import.meta) and its own __dirname. Not the other way round: `node -e`, the
// REPL and ESM apps with a compatibility shim define a global __dirname that is not this file's.
const url = (import.meta as { url?: unknown }).url;
setUp(load, typeof url === 'string' ? new URL('./hooksig_node.wasm', url) : `${String(__dirname)}/hooksig_node.wasm`);

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
