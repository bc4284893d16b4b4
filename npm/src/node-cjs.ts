// Node CommonJS (`require`). See node-runtime.ts.
import { builtins, type Load } from './host-node.js';
import { setUp } from './node-runtime.js';

declare const require: Load;
declare const __dirname: string;
setUp(builtins() ?? require, `${__dirname}/hooksig_node.wasm`);

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
