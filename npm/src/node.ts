// Node ESM (`import`), Deno and Bun. See node-runtime.ts.
import { builtins } from './host-node.js';
import { setUp } from './node-runtime.js';

// Older runtimes, without process.getBuiltinModule, get `require` from node:module.
const load = builtins() ?? (await import('node:module')).createRequire(import.meta.url);
setUp(load, new URL('./hooksig_node.wasm', import.meta.url));

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
