// Node (ESM and, bundled as CJS, require), Deno and Bun: the wasm is read and compiled
// synchronously at import (about 1 ms), and HMACs over large bodies run in node:crypto.
import { readFileSync } from 'node:fs';
import { createHmac, randomFillSync } from 'node:crypto';
import { initSync, Hook, encode_secret } from '../pkg/hooksig.js';
import { _init } from './api.js';
import { nodeHost } from './host-node.js';

const exports = initSync({ module: readFileSync(new URL('./hooksig_bg.wasm', import.meta.url)) });
_init({
  Hook: Hook as never,
  encode_secret,
  host: nodeHost(createHmac, () => exports.memory),
  random: (b) => void randomFillSync(b),
});

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
