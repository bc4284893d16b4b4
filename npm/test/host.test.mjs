// The node:crypto host HMAC (src/host-node.ts, bindings/wasm/src/host.rs): forced on for every size
// (HOOKSIG_HOST_THRESHOLD=0), with and without the one-shot crypto.hash (Node < 20.12 has none),
// checked against createHmac directly and by replaying every vector through it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const NO_HASH = 'data:text/javascript,process.getBuiltinModule("node:crypto").hash = undefined;';
// NODE_TEST_CONTEXT would make a child `node --test` report to this runner instead of stdout.
const { NODE_TEST_CONTEXT, ...parentEnv } = process.env;
const run = (args, env) =>
  execFileSync(process.execPath, args, { cwd: join(here, '..'), env: { ...parentEnv, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

for (const [label, threshold, preload] of [
  ['wasm below 1 KiB (default)', undefined, []],
  ['node:crypto for every size', '0', []],
  ['node:crypto without crypto.hash', '0', ['--import', NO_HASH]],
  ['wasm only', String(2 ** 32 - 1), []],
]) {
  test(`host HMAC: ${label}: createHmac agrees on every key and body length`, () => {
    const env = threshold === undefined ? {} : { HOOKSIG_HOST_THRESHOLD: threshold };
    assert.match(run([...preload, join(here, 'fixtures/host-replay.mjs')], env), /^ok 528\n$/);
  });
}

test('host HMAC: every vector through node:crypto, with and without crypto.hash', () => {
  for (const preload of [[], ['--import', NO_HASH]]) {
    const out = run([...preload, '--test', '--test-reporter=tap', join(here, 'vectors.test.mjs')], { HOOKSIG_HOST_THRESHOLD: '0' });
    assert.match(out, /^# fail 0$/m);
    assert.doesNotMatch(out, /^# pass 0$/m);
  }
});

// node:crypto failing (a FIPS build refusing SHA-1, a patched runtime): its own error reaches the
// caller through the one-shot and the streaming path, nothing verifies meanwhile, and the instance
// works again once the host does.
test('host HMAC: a failing node:crypto surfaces its error, and the instance stays usable', () => {
  const script = `
    import { createHmac } from 'node:crypto';
    import { Webhook } from './dist/node.mjs';
    const crypto = process.getBuiltinModule('node:crypto');
    const saved = { hash: crypto.hash, createHmac: crypto.createHmac };
    const key = Buffer.alloc(32, 7);
    const w = new Webhook(key);
    const now = 1_700_000_000;
    const results = [];
    for (const size of [2000, 100_000]) {
      const body = 'x'.repeat(size);
      const headers = {
        'webhook-id': 'm', 'webhook-timestamp': String(now),
        'webhook-signature': 'v1,' + createHmac('sha256', key).update('m.' + now + '.' + body).digest('base64'),
      };
      crypto.hash = crypto.createHmac = () => { throw new Error('boom ' + size); };
      try { w.verifySignature(body, headers, { now }); results.push('verified'); } catch (e) { results.push(e.message); }
      Object.assign(crypto, saved);
      results.push(w.verifySignature(body, headers, { now }).keyIndex);
    }
    console.log(JSON.stringify(results));
  `;
  const out = run(['--input-type=module', '-e', script], { HOOKSIG_HOST_THRESHOLD: '0' });
  assert.deepEqual(JSON.parse(out), ['boom 2000', 0, 'boom 100000', 0]);
});
