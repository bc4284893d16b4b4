#!/usr/bin/env node
// Runs the demo Worker under workerd on 127.0.0.1 and POSTs every delivery to it over HTTP.
//
//     node demo/worker-receiver/run.mjs target/demo/deliveries.json
//
// Bundles worker.mjs with esbuild the way wrangler does (workerd conditions, the .wasm kept as a
// CompiledWasm module) into target/demo/worker/, writes a workerd config, serves it, and prints one
// line per delivery; exit status 1 if a genuine delivery is rejected or a tampered one accepted.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { judgeAll, readDeliveries } from '../client.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const npm = join(root, 'npm');
const { build } = await import(join(npm, 'node_modules/esbuild/lib/main.js'));
const path = resolve(process.argv[2] ?? 'target/demo/deliveries.json');
const deliveries = readDeliveries(path, 'worker receiver');

const out = join(root, 'target/demo/worker');
mkdirSync(out, { recursive: true });
copyFileSync(path, join(out, 'deliveries.json'));
await build({
  // Built from target/demo/worker/ so that worker.mjs's `./deliveries.json` is the copy just made.
  stdin: { contents: readFileSync(join(here, 'worker.mjs'), 'utf8'), resolveDir: out, sourcefile: 'worker.mjs' },
  bundle: true, format: 'esm', platform: 'neutral', conditions: ['workerd', 'worker', 'browser'],
  alias: { hooksig: join(npm, 'dist/worker.mjs'), '@demo/scheme': join(here, '../scheme.mjs') }, external: ['*.wasm'], outfile: join(out, 'worker.js'), logLevel: 'warning',
});
copyFileSync(join(npm, 'dist/hooksig_node.wasm'), join(out, 'hooksig_node.wasm'));

const free = createServer();
await new Promise((r) => free.listen(0, '127.0.0.1', r));
const { port } = free.address();
await new Promise((r) => free.close(r));
writeFileSync(join(out, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "receiver", worker = (
    modules = [ (name = "worker.js", esModule = embed "worker.js"), (name = "hooksig_node.wasm", wasm = embed "hooksig_node.wasm") ],
    compatibilityDate = "2025-09-01" )) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "receiver") ]
);
`);
const workerd = spawn(join(npm, 'node_modules/.bin/workerd'), ['serve', 'config.capnp'], { cwd: out, stdio: ['ignore', 'inherit', 'inherit'] });

let wrong = 0;
try {
  for (let i = 0; ; i++) {
    try {
      await new Promise((res, rej) => request({ host: '127.0.0.1', port, path: '/' }, res).on('error', rej).end());
      break;
    } catch (e) {
      if (i > 100) throw new Error(`workerd did not start on 127.0.0.1:${port}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  console.log(`worker receiver: workerd on http://127.0.0.1:${port}/hooks/<n>, ${deliveries.length} deliveries from ${path}`);
  wrong = await judgeAll('worker receiver', port, deliveries);
} finally {
  workerd.kill();
}
process.exit(wrong ? 1 : 0);
