// Node CommonJS (`require`). See node-runtime.ts.
import { setUp, type Load } from './node-runtime.js';

declare const require: Load;
declare const __dirname: string;
const proc = (globalThis as { process?: { getBuiltinModule?: Load } }).process;
setUp(typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule.bind(proc) : require, `${__dirname}/hooksig_node.wasm`);

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
