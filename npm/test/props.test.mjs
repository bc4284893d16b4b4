// Hostile input through the JS API (fast-check): every outcome is a result or an Error of a known
// class, never a non-Error and never a dead wasm instance; a valid delivery still verifies after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Webhook, WebhookError, generateSecret } from '../dist/node.mjs';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"test": 2432232314}';
const GOOD = {
  'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  'webhook-timestamp': '1614265330',
  'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const RUNS = Number(process.env.HOOKSIG_FC_RUNS || 3000);
const hook = new Webhook(SECRET);
const stillHealthy = () => assert.equal(hook.verifySignature(BODY, GOOD, { now: 1614265330 }).keyIndex, 0);

function expectLibraryOutcome(fn) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof WebhookError || e instanceof TypeError || e instanceof RangeError || e instanceof SyntaxError)) {
      throw new assert.AssertionError({ message: `unexpected throw: ${Object.prototype.toString.call(e)} ${String(e)}` });
    }
  }
}

const anyValue = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.uint8Array({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(undefined, null, NaN, Infinity, -Infinity, -0, 2 ** 53, -(2 ** 63), '', '\0', 'v1,', 'whsec_', 'whsk_', 'whpk_'),
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.array(fc.string({ maxLength: 60 }), { maxLength: 40 }).map((a) => a.join(' ')),
  fc.array(fc.constantFrom('v1,', 'v1a,', 'v2,', ' ', ',', '=', 't=', 'v1=', 'AAAA', '====', '\t', '\u00ff', '🌍')).map((a) => a.join('')),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
  fc.integer(),
  fc.constantFrom('x'.repeat(8193), Array(100).fill('v1,AAAA').join(' '), '0123', '99999999999999999999', '-1', '1e9'),
);
const headerName = fc.constantFrom(
  'webhook-id', 'webhook-timestamp', 'webhook-signature', 'Webhook-Signature', 'WEBHOOK-ID', 'svix-id', 'svix-timestamp', 'svix-signature',
  'stripe-signature', 'x-hub-signature-256', 'x-hub-signature', 'x-slack-signature', 'x-slack-request-timestamp', 'x-shopify-hmac-sha256', 'other',
);
const GOOD_ARB = Object.fromEntries(Object.entries(GOOD).map(([k, v]) => [k, fc.constant(v)]));
const headersArb = fc.oneof(
  fc.dictionary(headerName, headerValue, { maxKeys: 8 }),
  fc.array(fc.tuple(headerName, fc.string({ maxLength: 100 })), { maxLength: 8 }).map((pairs) => new Map(pairs)),
  fc.array(fc.tuple(headerName, fc.string({ maxLength: 100 }).filter((s) => !/[\0\r\n]/.test(s) && s.trim() === s && /^[\x20-\x7e]*$/.test(s))), { maxLength: 8 }).map((pairs) => new Headers(pairs)),
  fc.record({ ...GOOD_ARB, 'webhook-signature': headerValue }),
  fc.record({ ...GOOD_ARB, 'webhook-timestamp': headerValue }),
  fc.record({ ...GOOD_ARB, 'webhook-id': headerValue }),
  anyValue,
);
const scheme = fc.oneof(
  fc.constantFrom('standard', 'stripe', 'github', 'github-sha1', 'slack', 'shopify', 'svix', 'nope'),
  fc.record(
    {
      name: fc.oneof(fc.string({ maxLength: 70 }), anyValue),
      signatureHeader: fc.oneof(fc.constantFrom('x-sig', 'X-Sig', 'bad header', ''), fc.string()),
      template: fc.oneof(fc.constantFrom('{body}', '{timestamp}.{body}', '{id}.{timestamp}.{body}', '{body}{body}', '{', '}{body}'), fc.string()),
      layout: fc.oneof(
        fc.record({ type: fc.constant('single'), prefix: fc.string({ maxLength: 5 }) }),
        fc.record({ type: fc.constant('list'), separator: fc.string({ maxLength: 2 }), prefix: fc.string({ maxLength: 5 }) }),
        fc.record({ type: fc.constantFrom('keyValue', 'key_value'), pairSeparator: fc.string({ maxLength: 2 }), signatureKey: fc.string({ maxLength: 4 }), timestampKey: fc.option(fc.string({ maxLength: 3 })) }),
        anyValue,
      ),
      encoding: fc.constantFrom('hex', 'base64', 'base32'),
      idHeader: fc.option(fc.constantFrom('x-id', 'bad id', '')),
      timestampHeader: fc.option(fc.constantFrom('x-ts', '')),
      timestampUnit: fc.constantFrom('seconds', 'milliseconds', 'hours'),
      secretFormat: fc.constantFrom('text', 'hex', 'base64', 'whsec', 'auto', 'raw', 'x'),
    },
    { requiredKeys: [] },
  ),
);
const secretArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uint8Array({ maxLength: 80 }),
  fc.constantFrom('whsec_', 'whsec_!!!', 'whsk_AAAA', 'whpk_' + 'A'.repeat(43) + '=', ' whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n', 'x'.repeat(4097)),
  fc.record({ secret: fc.oneof(fc.string(), fc.uint8Array(), anyValue), notAfter: fc.oneof(fc.integer(), fc.date({ noInvalidDate: false }), anyValue), format: fc.oneof(fc.constantFrom('auto', 'raw', 'hex', 'text', 'base64', 'whsec'), anyValue) }, { requiredKeys: [] }),
  fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constant(SECRET)), { maxLength: 20 }),
  anyValue,
);
const options = fc.oneof(
  fc.record({ scheme, tolerance: fc.oneof(fc.integer(), fc.double(), anyValue), format: fc.oneof(fc.constantFrom('auto', 'whsec', 'base64', 'hex', 'text', 'raw'), anyValue) }, { requiredKeys: [] }),
  anyValue,
);
const body = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 64 }).map((u) => u.buffer), anyValue);
const nowArb = fc.oneof(fc.constant(undefined), fc.record({ now: fc.oneof(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.double(), fc.date({ noInvalidDate: false }), anyValue) }), anyValue);

test('hostile constructor arguments', () => {
  fc.assert(fc.property(secretArb, options, (s, o) => expectLibraryOutcome(() => new Webhook(s, o))), { numRuns: RUNS });
  stillHealthy();
});

test('hostile deliveries to a valid verifier (every scheme)', () => {
  const hooks = ['standard', 'stripe', 'github-sha1', 'slack', 'shopify'].map((s) => new Webhook(SECRET, { scheme: s }));
  hooks.push(new Webhook(SECRET, { scheme: { name: 'kv', signatureHeader: 'x-sig', template: '{timestamp}.{body}', layout: { type: 'keyValue', pairSeparator: ',', signatureKey: 'v1', timestampKey: 't' } } }));
  fc.assert(
    fc.property(fc.nat(hooks.length - 1), body, headersArb, nowArb, (i, b, h, n) => {
      expectLibraryOutcome(() => hooks[i].verifySignature(b, h, n));
      expectLibraryOutcome(() => hooks[i].verify(b, h, n));
    }),
    { numRuns: RUNS },
  );
  stillHealthy();
});

test('hostile signing arguments', () => {
  fc.assert(
    fc.property(secretArb, options, anyValue, anyValue, body, (s, o, id, ts, b) => {
      let h;
      try {
        h = new Webhook(s, o);
      } catch {
        return;
      }
      expectLibraryOutcome(() => h.sign(id, ts, b));
      expectLibraryOutcome(() => h.signHeaders(b, { id, timestamp: ts }));
      expectLibraryOutcome(() => h.signHeaders(b, id));
    }),
    { numRuns: RUNS },
  );
  expectLibraryOutcome(() => generateSecret({ bytes: -1 }));
  fc.assert(fc.property(anyValue, (o) => expectLibraryOutcome(() => generateSecret(o))), { numRuns: 500 });
  stillHealthy();
});

test('round trip: whatever is signed verifies, any body, any valid key', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 64 }),
      fc.constantFrom('standard', 'stripe', 'github', 'slack', 'shopify'),
      fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 4000 })),
      fc.integer({ min: 1, max: 253402300799 }),
      (key, s, b, ts) => {
        const h = new Webhook(key, { scheme: s });
        const headers = h.signHeaders(b, { id: 'msg_x', timestamp: ts });
        assert.equal(h.verifySignature(b, headers, { now: ts }).keyIndex, 0);
      },
    ),
    { numRuns: Math.ceil(RUNS / 3) },
  );
  stillHealthy();
});
