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
    assert.match(run([...preload, join(here, 'fixtures/host-replay.mjs')], env), /^ok 330\n$/);
  });
}

test('host HMAC: every vector through node:crypto, with and without crypto.hash', () => {
  for (const preload of [[], ['--import', NO_HASH]]) {
    const out = run([...preload, '--test', '--test-reporter=tap', join(here, 'vectors.test.mjs')], { HOOKSIG_HOST_THRESHOLD: '0' });
    assert.match(out, /^# fail 0$/m);
    assert.doesNotMatch(out, /^# pass 0$/m);
  }
});
