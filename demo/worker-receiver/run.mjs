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
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const npm = join(root, 'npm');
const { build } = await import(join(npm, 'node_modules/esbuild/lib/main.js'));
const path = resolve(process.argv[2] ?? 'target/demo/deliveries.json');
let deliveries;
try {
  deliveries = JSON.parse(readFileSync(path, 'utf8')).deliveries;
} catch (e) {
  console.error(`worker receiver: cannot read ${path}: ${e.message}`);
  process.exit(2);
}

const out = join(root, 'target/demo/worker');
mkdirSync(out, { recursive: true });
copyFileSync(path, join(out, 'deliveries.json'));
await build({
  // Built from target/demo/worker/ so that worker.mjs's `./deliveries.json` is the copy just made.
  stdin: { contents: readFileSync(join(here, 'worker.mjs'), 'utf8'), resolveDir: out, sourcefile: 'worker.mjs' },
  bundle: true, format: 'esm', platform: 'neutral', conditions: ['workerd', 'worker', 'browser'],
  alias: { hooksig: join(npm, 'dist/worker.mjs') }, external: ['*.wasm'], outfile: join(out, 'worker.js'), logLevel: 'warning',
});
copyFileSync(join(npm, 'dist/hooksig_bg.wasm'), join(out, 'hooksig_bg.wasm'));

const free = createServer();
await new Promise((r) => free.listen(0, '127.0.0.1', r));
const { port } = free.address();
await new Promise((r) => free.close(r));
writeFileSync(join(out, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "receiver", worker = (
    modules = [ (name = "worker.js", esModule = embed "worker.js"), (name = "hooksig_bg.wasm", wasm = embed "hooksig_bg.wasm") ],
    compatibilityDate = "2025-09-01" )) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "receiver") ]
);
`);
const workerd = spawn(join(npm, 'node_modules/.bin/workerd'), ['serve', 'config.capnp'], { cwd: out, stdio: ['ignore', 'inherit', 'inherit'] });

function post(n, d) {
  const body = Buffer.from(d.body_base64, 'base64');
  // Repeated names become arrays: Node sends one header line per value.
  const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
  for (const [name, value] of d.headers) headers[name] = name in headers ? [].concat(headers[name], value) : value;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/hooks/${n}`, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

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
  const name = (s) => (typeof s === 'object' && s ? s.name : String(s ?? 'standard'));
  for (const [i, d] of deliveries.entries()) {
    const answer = await post(i, d);
    const label = `${String(i + 1).padStart(3)} ${name(d.scheme).padEnd(12)} ${(d.tampered ? 'tampered' : 'genuine').padEnd(8)}`;
    const ok = answer.accepted === !d.tampered;
    wrong += ok ? 0 : 1;
    const detail = answer.accepted ? `key ${answer.keyIndex}${answer.id ? ` (${answer.id})` : ''}` : answer.code;
    const verdict = ok ? 'ok' : answer.accepted ? 'WRONG: a tampered delivery was accepted' : 'WRONG: a genuine delivery was rejected';
    console.log(`${label} ${answer.accepted ? 'accepted' : 'rejected'} ${detail.padEnd(24)} ${verdict}`);
  }
} finally {
  workerd.kill();
}
console.log(wrong ? `worker receiver: ${wrong} wrong` : `worker receiver: all ${deliveries.length} deliveries judged correctly`);
process.exit(wrong ? 1 : 0);
