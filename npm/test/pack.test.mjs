// Packaging: `npm pack`, install the tarball into fresh projects, verify a signed delivery in Node
// ESM, Node CJS and bundled Node apps (each under this Node and Node's LTS lines), headless Chromium
// (esbuild bundle served from 127.0.0.1), a Cloudflare Worker run by workerd (HTTP on 127.0.0.1), Deno
// and Bun; compile a consumer .ts against the types.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { ltsNodes, npmRoot } from './helpers.mjs';

const bin = (name) => join(npmRoot, 'node_modules', '.bin', name);
const fixtures = join(npmRoot, 'test', 'fixtures');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', amount: 4200, note: 'héllo 🌍' } });
const EXPECTED = { id: 'msg_pack_test', keyIndex: 0, parsed: JSON.parse(BODY), tampered: 'NO_MATCHING_SIGNATURE', generated: true, signed: [0, 0, 0] };
// The Node running this suite, and Node's LTS lines (helpers.mjs).
const NODES = [[process.version.slice(1), process.execPath], ...ltsNodes()];

let work;
let tarball;
function delivery() {
  // Signed by the reference implementation, at the current time (consumers read their own clock).
  const ts = new Date();
  const sig = new StandardWebhook(SECRET).sign(EXPECTED.id, ts, BODY);
  const headers = { 'webhook-id': EXPECTED.id, 'webhook-timestamp': String(Math.floor(ts.getTime() / 1000)), 'webhook-signature': sig };
  return { secret: SECRET, body: BODY, headers };
}
function project(name, type = 'module') {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--offline', tarball], { cwd: dir, stdio: 'pipe' });
  writeFileSync(join(dir, 'delivery.json'), JSON.stringify(delivery()));
  copyFileSync(join(fixtures, 'consumer.mjs'), join(dir, 'consumer.mjs'));
  return dir;
}
function run(cmd, args, cwd, env = {}) {
  try {
    return execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
const lastJson = (out) => JSON.parse(out.trim().split('\n').at(-1));
async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

describe('npm package', () => {
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'hooksig-pack-'));
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: npmRoot, encoding: 'utf8' });
    tarball = join(work, out.trim().split('\n').at(-1));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('tarball contents: dist and the licence texts, zero runtime dependencies, sideEffects false', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(files, [
      'package/LICENSE-APACHE', 'package/LICENSE-MIT', 'package/README.md', 'package/dist/browser.mjs', 'package/dist/hooksig_bg.wasm', 'package/dist/hooksig_node.wasm', 'package/dist/index.d.cts', 'package/dist/index.d.ts',
      'package/dist/node.cjs', 'package/dist/node.cjs.map', 'package/dist/node.mjs', 'package/dist/node.mjs.map',
      'package/dist/worker.mjs', 'package/dist/worker.mjs.map', 'package/package.json',
    ].filter((f) => f !== 'package/README.md' || files.includes(f)));
    const pkg = JSON.parse(readFileSync(join(npmRoot, 'package.json'), 'utf8'));
    assert.equal(pkg.dependencies, undefined);
    assert.equal(pkg.sideEffects, false);
  });

  test('Node ESM (import) and tsc against the types', (t) => {
    const dir = project('node-esm');
    writeFileSync(join(dir, 'main.mjs'), "import { run } from './consumer.mjs';\nconsole.log(JSON.stringify(run()));\n");
    for (const [version, node] of NODES) assert.deepEqual(lastJson(run(node, ['main.mjs'], dir)), EXPECTED, `Node ${version}`);
    // `node -e` (like the REPL, or an ESM app's __dirname shim) defines a global __dirname that is
    // not the package's: the .wasm is still found beside the entry.
    const evaluated = "import('./consumer.mjs').then(({ run }) => console.log(JSON.stringify(run())))";
    assert.deepEqual(lastJson(run(process.execPath, ['-e', evaluated], dir)), EXPECTED);
    assert.deepEqual(lastJson(run(process.execPath, ['--input-type=module', '-e', `globalThis.__dirname = '/nowhere'; await ${evaluated}`], dir)), EXPECTED);
    copyFileSync(join(fixtures, 'consumer.ts'), join(dir, 'consumer.ts'));
    const tsc = (module) =>
      run(process.execPath, [join(npmRoot, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--exactOptionalPropertyTypes', '--module', module, '--moduleResolution', module,
        '--target', 'es2022', '--lib', 'es2022,dom', '--types', 'node', '--typeRoots', join(npmRoot, 'node_modules/@types'), 'consumer.ts'], dir);
    tsc('node16');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer-cjs-types', private: true, type: 'commonjs' }));
    tsc('node16'); // the same file as CommonJS: resolves index.d.cts through the `require` condition
    t.diagnostic('tsc --strict (node16, ESM and CJS) compiled test/fixtures/consumer.ts');
  });

  test('Node CJS (require)', () => {
    const dir = project('node-cjs', 'commonjs');
    writeFileSync(join(dir, 'main.cjs'), `const { Webhook, WebhookVerificationError, generateSecret } = require('hooksig');
const d = require('./delivery.json');
const hook = new Webhook(d.secret);
const v = hook.verifySignature(Buffer.from(d.body), d.headers);
let tampered;
try { hook.verify(d.body + ' ', d.headers); tampered = 'accepted'; } catch (e) { tampered = e instanceof WebhookVerificationError ? e.code : String(e); }
const secret = generateSecret();
const signer = new Webhook([generateSecret(), secret]);
const signed = [10, 5000, 100000].map((size) => new Webhook(secret).verifySignature('x'.repeat(size), signer.signHeaders('x'.repeat(size))).keyIndex);
console.log(JSON.stringify({ id: v.id, keyIndex: v.keyIndex, parsed: hook.verify(d.body, d.headers), tampered, generated: /^whsec_/.test(secret), signed }));
`);
    for (const [version, node] of NODES) assert.deepEqual(lastJson(run(node, ['main.cjs'], dir)), EXPECTED, `Node ${version}`);
  });

  test('a Node application bundled by esbuild, as CommonJS (its default) and as ESM, with the .wasm beside it', () => {
    const dir = project('node-bundle');
    writeFileSync(join(dir, 'main.mjs'), "import { run } from './consumer.mjs';\nconsole.log(JSON.stringify(run()));\n");
    for (const [format, out] of [['cjs', 'out/main.cjs'], ['esm', 'out/main.mjs']]) {
      run(bin('esbuild'), ['main.mjs', '--bundle', '--platform=node', `--format=${format}`, `--outfile=${out}`, '--log-level=error'], dir);
    }
    // Without the .wasm beside the bundle, the error says what to do.
    assert.throws(() => run(process.execPath, ['out/main.cjs'], dir), /copy hooksig\/hooksig_node\.wasm beside the bundle/);
    copyFileSync(join(dir, 'node_modules/hooksig/dist/hooksig_node.wasm'), join(dir, 'out/hooksig_node.wasm'));
    for (const [version, node] of NODES) {
      for (const out of ['out/main.cjs', 'out/main.mjs']) assert.deepEqual(lastJson(run(node, [out], dir)), EXPECTED, `Node ${version} ${out}`);
    }
  });

  test('Deno', () => {
    const dir = project('deno');
    writeFileSync(join(dir, 'main.mjs'), "import { run } from './consumer.mjs';\nconsole.log(JSON.stringify(run()));\n");
    const out = run(bin('deno'), ['run', '--quiet', '--no-lock', '--allow-read', 'main.mjs'], dir, { DENO_DIR: join(work, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1' });
    assert.deepEqual(lastJson(out), EXPECTED);
  });

  test('Bun', () => {
    const dir = project('bun');
    writeFileSync(join(dir, 'main.mjs'), "import { run } from './consumer.mjs';\nconsole.log(JSON.stringify(run()));\n");
    assert.deepEqual(lastJson(run(bin('bun'), ['main.mjs'], dir, { BUN_INSTALL_CACHE_DIR: join(work, 'bun-cache') })), EXPECTED);
  });

  test('headless Chromium: page bundled by esbuild, served from 127.0.0.1', async (t) => {
    const dir = project('browser');
    writeFileSync(join(dir, 'page.mjs'), "import { run } from './consumer.mjs';\ntry { window.__result = run(); } catch (e) { window.__result = { error: String(e) }; }\n");
    const out = join(dir, 'public');
    mkdirSync(out);
    run(bin('esbuild'), ['page.mjs', '--bundle', '--minify', '--format=esm', '--platform=browser', '--target=es2022', `--outfile=${join(out, 'app.js')}`], dir);
    // esbuild leaves `new URL('./hooksig_bg.wasm', import.meta.url)` alone: ship the .wasm beside the bundle.
    copyFileSync(join(dir, 'node_modules/hooksig/dist/hooksig_bg.wasm'), join(out, 'hooksig_bg.wasm'));
    writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>hooksig</title><script type="module" src="./app.js"></script>');
    const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
    const server = createServer((req, res) => {
      const name = new URL(req.url, 'http://x').pathname.slice(1) || 'index.html';
      if (!readdirSync(out).includes(name)) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[extname(name)] ?? 'application/octet-stream' }).end(readFileSync(join(out, name)));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const { chromium } = await import('playwright-core');
    let browser;
    try {
      // A fresh profile directory per run.
      browser = await chromium.launchPersistentContext(join(work, 'chrome-profile'), {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20_000 });
      assert.deepEqual(await page.evaluate(() => window.__result), EXPECTED, errors.join('\n'));
    } finally {
      await browser?.close();
      server.closeAllConnections?.();
      server.close();
    }
    const js = readFileSync(join(out, 'app.js'));
    const wasm = readFileSync(join(out, 'hooksig_bg.wasm'));
    const gz = (b) => gzipSync(b, { level: 9 }).length;
    const total = gz(js) + gz(wasm);
    // The test page's own code and its delivery data are in app.js too: make bench measures the
    // package's share against the budget.
    t.diagnostic(`the test page's download (gzip -9): app.js ${gz(js)} B (its own code and data included) + hooksig_bg.wasm ${gz(wasm)} B = ${total} B`);
  });

  test('Cloudflare Worker under workerd, HTTP on 127.0.0.1 (plain and nodejs_compat)', async (t) => {
    const dir = project('worker');
    copyFileSync(join(fixtures, 'worker.mjs'), join(dir, 'worker.mjs'));
    // Bundle as wrangler would: workerd/worker conditions, the .wasm kept as a module import.
    run(bin('esbuild'), ['worker.mjs', '--bundle', '--format=esm', '--platform=neutral', '--conditions=workerd,worker,browser', '--external:*.wasm', '--outfile=out/worker.js'], dir);
    copyFileSync(join(dir, 'node_modules/hooksig/dist/hooksig_node.wasm'), join(dir, 'out/hooksig_node.wasm'));
    const [plain, compat] = [await freePort(), await freePort()];
    const worker = (flags) => `(
  modules = [ (name = "worker.js", esModule = embed "out/worker.js"), (name = "hooksig_node.wasm", wasm = embed "out/hooksig_node.wasm") ],
  compatibilityDate = "2025-09-01", compatibilityFlags = [${flags}] )`;
    writeFileSync(join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "plain", worker = ${worker('')}), (name = "compat", worker = ${worker('"nodejs_compat"')}) ],
  sockets = [ (name = "plain", address = "127.0.0.1:${plain}", http = (), service = "plain"),
              (name = "compat", address = "127.0.0.1:${compat}", http = (), service = "compat") ]
);
`);
    const proc = spawn(bin('workerd'), ['serve', 'config.capnp'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    proc.stdout.on('data', (b) => (log += b));
    proc.stderr.on('data', (b) => (log += b));
    try {
      for (const port of [plain, compat]) {
        const d = JSON.parse(readFileSync(join(dir, 'delivery.json'), 'utf8'));
        const post = (body) => fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: d.headers, body });
        let res;
        for (let i = 0; i < 100 && !res; i++) {
          res = await post(d.body).catch(() => new Promise((r) => setTimeout(r, 100)).then(() => undefined));
        }
        assert.ok(res, `workerd did not answer on ${port}: ${log}`);
        assert.deepEqual(await res.json(), { ok: true, id: EXPECTED.id, parsed: EXPECTED.parsed, signed: [0, 0, 0] }, log);
        const bad = await post(d.body + ' ');
        assert.equal(bad.status, 401);
        assert.deepEqual(await bad.json(), { ok: false, code: 'NO_MATCHING_SIGNATURE' });
      }
      t.diagnostic(`workerd answered on 127.0.0.1:${plain} (wasm HMAC) and :${compat} (nodejs_compat, node:crypto HMAC)`);
    } finally {
      proc.kill();
    }
  });
});
