// Browsers and bundlers (and the `default` condition): the wasm is fetched and compiled
// asynchronously, and the module finishes that before it resolves (top-level await), so the first
// call after `import` works. `new URL('./hooksig_bg.wasm', import.meta.url)` is the pattern
// webpack, Vite, Parcel and Rollup's URL plugin recognise as an asset; with esbuild, copy
// `hooksig/hooksig_bg.wasm` next to your bundle. Browsers have no synchronous native HMAC
// (WebCrypto is async), so the HMAC runs in wasm here.
import init from '../pkg/hooksig.js';
import { _init } from './api.js';

const exports = await init({ module_or_path: new URL('./hooksig_bg.wasm', import.meta.url) });
_init({ exports, random: (b) => void globalThis.crypto.getRandomValues(b) });

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
