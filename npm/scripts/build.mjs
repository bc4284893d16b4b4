// Bundles the facade (src/) into dist/ beside the two wasm builds (made by mk/npm.mk; the module
// imports nothing, so each entry instantiates it directly and wasm-bindgen's JS glue is not used):
//   node.mjs / node.cjs  Node ESM / CJS (also Deno and Bun; src/node.ts, src/node-cjs.ts): sync init + node:crypto host HMAC,
//                        with the speed build of the wasm (pkg-node/ → hooksig_node.wasm)
//   browser.mjs          browsers, bundlers, `default`: top-level-await init, wasm HMAC, the size build
//                        without the host HMAC (pkg/ → hooksig_bg.wasm)
//   worker.mjs           workerd: imports hooksig_node.wasm as a module, instantiates it synchronously
//   index.d.ts/.d.cts    types (tsc from src/api.ts)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const banner = { js: '// hooksig: webhook signatures (https://github.com/hooksig/hooksig). Generated; see npm/src.' };
// The core's limits and the host's one-shot size that the facade needs (src/api.ts), read from the
// one place each is defined.
const limits = readFileSync(join(root, '../crates/hooksig/src/limits.rs'), 'utf8');
const host = readFileSync(join(root, '../bindings/wasm/src/host.rs'), 'utf8');
const limit = (name, text = limits) => {
  const m = text.match(new RegExp(`const ${name}: usize = ([0-9_* ]+);`));
  if (!m || !/^[0-9_ ]+(\* [0-9_ ]+)?$/.test(m[1])) throw new Error(`build-npm: ${name} not found`);
  return String(m[1].split('*').reduce((product, factor) => product * Number(factor.replaceAll('_', '').trim()), 1));
};
// And the Node build's size, so that it is read with one read call (src/node-runtime.ts).
const define = {
  HOOKSIG_MAX_HEADER_BYTES: limit('MAX_HEADER_BYTES'),
  HOOKSIG_MAX_ID_BYTES: limit('MAX_ID_BYTES'),
  HOOKSIG_MAX_KEY_BYTES: limit('MAX_KEY_BYTES'),
  HOOKSIG_HOST_ONE_SHOT_MAX: limit('ONE_SHOT_MAX', host),
  HOOKSIG_NODE_WASM_BYTES: String(statSync(join(root, 'pkg-node/hooksig_bg.wasm')).size),
  // Whether the entry's wasm has the host HMAC (feature `host`): all but the browser entry's.
  HOOKSIG_HOST: 'true',
};
const common = { bundle: true, target: 'es2022', banner, logLevel: 'warning', legalComments: 'none', absWorkingDir: root, define };
// The entries runtimes load as they are (Node, Deno, Bun, Workers) are minified: a cold start parses
// them, and the 37 KB Node bundle cost ~0.25 ms of import + first verify more than the 19 KB one
// (101 paired runs, npm/README.md). Names are kept (`Webhook.name`, stack frames) and a source map
// (node --enable-source-maps) points back into src/. The browser entry stays readable: the app's
// bundler minifies it with everything else.
const loaded = { minify: true, keepNames: true, sourcemap: true };

await Promise.all([
  build({ ...common, ...loaded, entryPoints: ['src/node.ts'], outfile: 'dist/node.mjs', format: 'esm', platform: 'node' }),
  build({ ...common, ...loaded, entryPoints: ['src/node-cjs.ts'], outfile: 'dist/node.cjs', format: 'cjs', platform: 'node' }),
  build({
    ...common,
    define: { ...define, HOOKSIG_HOST: 'false' },
    entryPoints: ['src/browser.ts'],
    outfile: 'dist/browser.mjs',
    format: 'esm',
    platform: 'neutral',
  }),
  build({
    ...common,
    ...loaded,
    entryPoints: ['src/worker.ts'],
    outfile: 'dist/worker.mjs',
    format: 'esm',
    platform: 'neutral',
    external: ['./hooksig_node.wasm'],
  }),
]);
copyFileSync(join(root, 'pkg/hooksig_bg.wasm'), join(dist, 'hooksig_bg.wasm'));
// The licence texts travel with the package (both licences require it); npm pack skips symlinks.
for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(root, '..', licence), join(root, licence));
copyFileSync(join(root, 'pkg-node/hooksig_bg.wasm'), join(dist, 'hooksig_node.wasm'));

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
const types = readFileSync(join(root, 'build/types/api.d.ts'), 'utf8');
writeFileSync(join(dist, 'index.d.ts'), types);
writeFileSync(join(dist, 'index.d.cts'), types);
console.log('build-npm: dist/ ready');
