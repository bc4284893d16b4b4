// Replays tests/vectors (the cross-language contract) through the public JS API, in both builds:
// Node's (speed-first wasm, large bodies through node:crypto) and the browser's (size-first wasm,
// the core's `small` code, every HMAC in wasm), which differ in compiled code, not in results.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { builds, loadVectors, bytes, scheme, secrets, headerObject, isEd25519Case } from './helpers.mjs';

const deliveries = loadVectors('deliveries.json').cases;
const ED25519_NOTE = 'Ed25519 (whsk_/whpk_) is not in the npm build (size budget): such secrets must raise INVALID_SECRET';

for (const [build, { Webhook, WebhookError, WebhookVerificationError }] of await builds()) {
  describe(`${build} build`, () => {
    const hookFor = (c) => new Webhook(secrets(c.secrets), { scheme: scheme(c.scheme), tolerance: c.tolerance ?? 300 });
    function check(c, headers, label) {
      const make = () => hookFor(c);
      const body = bytes(c.body);
      if (c.expect.ok) {
        const v = make().verifySignature(body, headers, { now: c.now });
        assert.equal(v.keyIndex, c.expect.key_index, label);
        assert.equal(v.id, c.expect.id ?? null, label);
        assert.equal(v.timestamp, c.expect.timestamp ?? null, label);
      } else {
        assert.throws(
          () => make().verifySignature(body, headers, { now: c.now }),
          (e) => e instanceof WebhookError && e.code === c.expect.error,
          `${label}: expected ${c.expect.error}`,
        );
      }
    }

    for (const c of deliveries) {
      test(`delivery ${c.name}`, (t) => {
        if (isEd25519Case(c)) {
          // Not skipped silently: the build must refuse these keys with the typed error.
          assert.throws(() => new Webhook(secrets(c.secrets), { scheme: scheme(c.scheme) }), (e) => e instanceof WebhookError && e.code === 'INVALID_SECRET');
          t.diagnostic(ED25519_NOTE);
          return;
        }
        check(c, headerObject(c.headers), 'plain object');
        // The same delivery through the other containers, where they can carry it unchanged.
        const names = c.headers.map(([k]) => k.toLowerCase());
        const repeated = new Set(names).size !== names.length;
        if (!repeated) {
          check(c, new Headers(c.headers), 'Fetch Headers');
          check(c, new Map(c.headers), 'Map');
          check(c, Object.fromEntries(c.headers.map(([k, v]) => [k.toUpperCase(), v])), 'upper-case object');
        }
        if (c.sign) {
          const signed = hookFor(c).signHeaders(bytes(c.body), { id: c.expect.id ?? undefined, timestamp: c.expect.timestamp ?? c.now });
          assert.deepEqual(Object.entries(signed), c.headers);
        }
      });
    }

    test('secrets.json', (t) => {
      let n = 0;
      for (const c of loadVectors('secrets.json').cases) {
        const input = bytes(c.input);
        const make = () => new Webhook(input, { scheme: c.scheme, format: c.format });
        if (c.error) {
          assert.throws(make, (e) => e instanceof WebhookError && !(e instanceof WebhookVerificationError) && e.code === c.error, c.name);
        } else if (typeof input === 'string' && /^\s*wh(sk|pk)_/.test(input)) {
          assert.throws(make, (e) => e.code === 'INVALID_SECRET', c.name);
        } else {
          // Same key ⇔ same signature as a Webhook keyed with the expected bytes directly.
          const hook = make();
          const reference = new Webhook(bytes(c.key), { scheme: c.scheme });
          const args = ['msg_1', 1700000000, 'payload'];
          assert.equal(hook.sign(...args), reference.sign(...args), c.name);
          assert.deepEqual(hook.toJSON().keys, [c.hint], c.name);
        }
        n++;
      }
      t.diagnostic(`${n} secret cases`);
    });

    // HMAC through the public API: a custom scheme signing `{body}` with a raw key, hex-encoded.
    const hmacHook = (key) =>
      new Webhook(key, { scheme: { name: 'hmac', signatureHeader: 'x-mac', template: '{body}', encoding: 'hex' } });

    test('hmac_sha256.json (RFC 4231)', () => {
      for (const c of loadVectors('hmac_sha256.json').cases) {
        assert.equal(hmacHook(bytes(c.key)).sign('', 0, bytes(c.data)), c.mac, c.name);
      }
    });

    test('Wycheproof HMAC-SHA256', (t) => {
      const data = loadVectors('wycheproof/hmac_sha256_test.json');
      let checked = 0;
      let outOfRange = 0;
      for (const group of data.testGroups) {
        for (const tc of group.tests) {
          const key = new Uint8Array(Buffer.from(tc.key, 'hex'));
          const msg = new Uint8Array(Buffer.from(tc.msg, 'hex'));
          if (key.length === 0 || key.length > 1024) {
            // hooksig refuses empty and over-long keys by design (EMPTY_SECRET / SECRET_TOO_LONG).
            assert.throws(() => hmacHook(key), WebhookError);
            outOfRange++;
            continue;
          }
          const full = hmacHook(key).sign('', 0, msg);
          assert.equal(full, createHmac('sha256', key).update(msg).digest('hex'), `tcId ${tc.tcId}`);
          const prefix = full.slice(0, tc.tag.length);
          assert.equal(prefix === tc.tag, tc.result === 'valid', `tcId ${tc.tcId} (${tc.result})`);
          checked++;
        }
      }
      t.diagnostic(`${checked} Wycheproof cases checked, ${outOfRange} with keys outside hooksig's 1..1024 bytes refused`);
    });
  });
}
