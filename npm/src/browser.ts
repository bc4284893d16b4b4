// Browsers and bundlers (and the `default` condition): the wasm is fetched and compiled
// asynchronously, and the module finishes that before it resolves (top-level await), so the first
// call after `import` works. `new URL('./hooksig_bg.wasm', import.meta.url)` is the pattern
// webpack, Vite, Parcel and Rollup's URL plugin recognise as an asset; with esbuild, copy
// `hooksig/hooksig_bg.wasm` next to your bundle. Browsers have no synchronous native HMAC
// (WebCrypto is async), so the HMAC runs in wasm here.
//
// The module imports nothing and its exports take and return numbers (bindings/wasm/src/lib.rs), so
// it is instantiated directly: wasm-bindgen's generated `init` would add only its fallbacks around
// streaming compilation (0.4 KB of the gzip download). A module this small compiles as fast from an
// ArrayBuffer, whatever Content-Type the server sends.
import { _init, type Exports } from './api.js';

const url = new URL('./hooksig_bg.wasm', import.meta.url);
const response = await fetch(url);
if (!response.ok) throw new Error(`hooksig: fetching ${url.href} failed with HTTP ${response.status}`);
const { instance } = await WebAssembly.instantiate(await response.arrayBuffer());
_init({ exports: instance.exports as unknown as Exports, random: (b) => void globalThis.crypto.getRandomValues(b) });

export { Webhook, WebhookError, WebhookVerificationError, generateSecret } from './api.js';
export type * from './api.js';
