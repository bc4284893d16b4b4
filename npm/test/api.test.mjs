// JS specifics: body types, unicode and non-UTF-8 bytes, every header container, every error path,
// drop-in compatibility with `standardwebhooks`, and secrets never showing up anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook, WebhookError, WebhookVerificationError, generateSecret } from '../dist/node.mjs';
import { builds } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const BODY = '{"test": 2432232314}';
const HEADERS = { 'webhook-id': ID, 'webhook-timestamp': String(TS), 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
const now = { now: TS };
const code = (c, cls = WebhookError) => (e) => e instanceof cls && e.code === c;

test('drop-in for standardwebhooks: same sign, same verify result', () => {
  const ours = new Webhook(SECRET);
  const theirs = new StandardWebhook(SECRET);
  const date = new Date(TS * 1000);
  assert.equal(ours.sign(ID, date, BODY), theirs.sign(ID, date, BODY));
  assert.equal(new Webhook(SECRET.slice(6)).sign(ID, date, BODY), theirs.sign(ID, date, BODY));
  const fresh = theirs.sign(ID, new Date(), BODY);
  const h = { 'webhook-id': ID, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': fresh };
  assert.deepEqual(ours.verify(BODY, h), theirs.verify(BODY, h));
  // format: 'raw' keys with the string's char codes, exactly like standardwebhooks.
  const raw = 'my raw \u00e9 secret';
  assert.equal(new Webhook(raw, { format: 'raw' }).sign(ID, date, BODY), new StandardWebhook(raw, { format: 'raw' }).sign(ID, date, BODY));
  const bytes = new Uint8Array([1, 2, 3, 250]);
  assert.equal(new Webhook(bytes, { format: 'raw' }).sign(ID, date, BODY), new StandardWebhook(bytes, { format: 'raw' }).sign(ID, date, BODY));
  assert.throws(() => new Webhook('\u0100', { format: 'raw' }), { name: 'RangeError', message: "a 'raw' string secret must contain only characters U+0000 to U+00FF" });
});

test('every body type verifies the same bytes', () => {
  const hook = new Webhook(SECRET);
  const buf = Buffer.from(BODY);
  const u8 = new Uint8Array(buf);
  const ab = u8.slice().buffer;
  const view = new DataView(ab);
  const offset = new Uint8Array(buf.length + 7);
  offset.set(buf, 7);
  for (const body of [BODY, buf, u8, ab, view, offset.subarray(7)]) {
    assert.equal(hook.verifySignature(body, HEADERS, now).id, ID);
    assert.deepEqual(hook.verify(body, HEADERS, now), { test: 2432232314 });
  }
  assert.equal(new Webhook(SECRET).verify('', new Webhook(SECRET).signHeaders('', { id: 'm', timestamp: TS }), now), undefined);
});

test('unicode and non-UTF-8 bodies sign and verify over their exact bytes', () => {
  const hook = new Webhook(SECRET);
  for (const body of ['héllo 🌍 ✓', new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]), 'lone \ud800 surrogate']) {
    const headers = hook.signHeaders(body, { id: 'msg_u', timestamp: TS });
    assert.equal(hook.verifySignature(body, headers, now).id, 'msg_u');
  }
  // A string and its UTF-8 bytes are the same delivery.
  const h = hook.signHeaders('héllo', { id: 'm1', timestamp: TS });
  assert.equal(hook.verifySignature(Buffer.from('héllo'), h, now).id, 'm1');
  // Latin-1 bytes of the same text are a different delivery.
  assert.throws(() => hook.verifySignature(Buffer.from('héllo', 'latin1'), h, now), code('NO_MATCHING_SIGNATURE', WebhookVerificationError));
});

test('every header container, any casing, arrays and repeats', () => {
  const hook = new Webhook(SECRET);
  const pairs = Object.entries(HEADERS);
  const upper = Object.fromEntries(pairs.map(([k, v]) => [k.toUpperCase(), v]));
  const mixed = Object.fromEntries(pairs.map(([k, v]) => [k.replace(/^w/, 'W'), v]));
  const nullProto = Object.assign(Object.create(null), HEADERS);
  for (const headers of [HEADERS, upper, mixed, nullProto, new Headers(pairs), new Map(pairs), new Map(Object.entries(upper))]) {
    assert.equal(hook.verifySignature(BODY, headers, now).id, ID);
  }
  // Node's IncomingHttpHeaders may carry arrays; a repeated signature header contributes every entry.
  const arr = { ...HEADERS, 'webhook-signature': ['v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', HEADERS['webhook-signature']] };
  assert.equal(hook.verifySignature(BODY, arr, now).keyIndex, 0);
  // svix-* headers are accepted too.
  const svix = { 'svix-id': ID, 'svix-timestamp': String(TS), 'svix-signature': HEADERS['webhook-signature'] };
  assert.equal(hook.verifySignature(BODY, svix, now).id, ID);
  // Numbers are accepted as header values (stringified); other types are TypeErrors.
  assert.equal(hook.verifySignature(BODY, { ...HEADERS, 'webhook-timestamp': TS }, now).timestamp, TS);
  assert.throws(() => hook.verifySignature(BODY, { ...HEADERS, 'webhook-id': {} }, now), TypeError);
  // A repeated single-valued header with different values is ambiguous.
  assert.throws(() => hook.verifySignature(BODY, { ...HEADERS, 'Webhook-Id': 'other' }, now), code('MALFORMED_HEADER', WebhookVerificationError));
  assert.throws(() => hook.verifySignature(BODY, { ...HEADERS, 'webhook-id': 'a\0b' }, now), code('MALFORMED_HEADER', WebhookVerificationError));
  assert.deepEqual(hook.headerNames, ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'svix-id', 'svix-timestamp', 'svix-signature']);
});

test('verification error paths (WebhookVerificationError with the core code)', () => {
  const hook = new Webhook(SECRET);
  const cases = [
    [{ ...HEADERS, 'webhook-id': undefined }, 'MISSING_HEADER'],
    [{ ...HEADERS, 'webhook-timestamp': '0123' }, 'INVALID_TIMESTAMP'],
    [{ ...HEADERS, 'webhook-timestamp': String(TS - 301) }, 'TIMESTAMP_TOO_OLD'],
    [{ ...HEADERS, 'webhook-timestamp': String(TS + 301) }, 'TIMESTAMP_TOO_NEW'],
    [{ ...HEADERS, 'webhook-signature': 'v1,' }, 'NO_MATCHING_SIGNATURE'],
    [{ ...HEADERS, 'webhook-signature': 'x'.repeat(9000) }, 'HEADER_TOO_LARGE'],
    [{ ...HEADERS, 'webhook-signature': Array(33).fill('v2,x').join(' ') }, 'TOO_MANY_SIGNATURES'],
  ];
  for (const [headers, expected] of cases) {
    assert.throws(() => hook.verify(BODY, headers, now), code(expected, WebhookVerificationError), expected);
  }
  assert.throws(
    () => new Webhook({ secret: SECRET, notAfter: TS - 1 }).verify(BODY, HEADERS, now),
    code('NO_ACTIVE_KEY', WebhookVerificationError),
  );
  assert.throws(() => new Webhook(SECRET).verify('{"test": 1}', HEADERS, now), (e) => e.name === 'WebhookVerificationError' && e instanceof Error);
  assert.throws(() => new Webhook('whsec_AAAA', { scheme: 'stripe' }).verify(BODY, { 'stripe-signature': 'v1=00' }, now), code('MALFORMED_HEADER'));
});

test('configuration error paths (WebhookError, TypeError, RangeError)', () => {
  const notVerification = (c) => (e) => e instanceof WebhookError && !(e instanceof WebhookVerificationError) && e.code === c;
  assert.throws(() => new Webhook(''), notVerification('EMPTY_SECRET'));
  assert.throws(() => new Webhook([]), notVerification('EMPTY_SECRET'));
  assert.throws(() => new Webhook('whsec_!!!'), notVerification('INVALID_SECRET'));
  assert.throws(() => new Webhook('x'.repeat(5000), { scheme: 'github' }), notVerification('SECRET_TOO_LONG'));
  assert.throws(() => new Webhook(Array(17).fill(SECRET)), notVerification('TOO_MANY_KEYS'));
  // Preset names are the core's alone: any other string, even the facade's own words, is unknown.
  for (const scheme of ['nope', 'custom', '', 'Standard', 'standard\u0000']) {
    assert.throws(() => new Webhook(SECRET, { scheme }), { code: 'INVALID_SCHEME', message: 'invalid scheme: unknown scheme name' }, scheme);
    assert.throws(() => generateSecret({ scheme }), { code: 'INVALID_SCHEME', message: 'invalid scheme: unknown scheme name' }, scheme);
  }
  assert.throws(() => new Webhook(SECRET, { scheme: { name: 'x', signatureHeader: 'bad header', template: '{body}' } }), notVerification('INVALID_SCHEME'));
  assert.throws(() => new Webhook(SECRET, { scheme: { name: 'x', signatureHeader: 'x', template: 'no body' } }), notVerification('INVALID_SCHEME'));
  assert.throws(() => new Webhook(SECRET, { scheme: { name: 'x', signatureHeader: 'x', template: '{body}', layout: { type: 'zigzag' } } }), notVerification('INVALID_SCHEME'));
  // Named options are checked by the facade, which sends them as indexes; every accepted name works.
  const custom = { name: 'x', signatureHeader: 'x', template: '{body}' };
  for (const [field, bad, message] of [
    ['encoding', 'base32', 'scheme.encoding must be one of hex, base64'],
    ['timestampUnit', 'hours', 'scheme.timestampUnit must be one of seconds, milliseconds'],
    ['secretFormat', 'pem', 'scheme.secretFormat must be one of auto, whsec, base64, hex, text, raw'],
  ]) {
    assert.throws(() => new Webhook(SECRET, { scheme: { ...custom, [field]: bad } }), { name: 'WebhookError', code: 'INVALID_SCHEME', message });
  }
  for (const encoding of ['hex', 'base64']) assert.ok(new Webhook(SECRET, { scheme: { ...custom, encoding } }).sign(ID, TS, BODY));
  const withTimestamp = { ...custom, template: '{timestamp}.{body}', timestampHeader: 'x-ts' };
  for (const timestampUnit of ['seconds', 'milliseconds']) assert.ok(new Webhook(SECRET, { scheme: { ...withTimestamp, timestampUnit } }).sign(ID, TS, BODY));
  const secrets = { auto: 'a text secret', whsec: SECRET, base64: SECRET.slice(6), hex: 'ab'.repeat(16), text: 'a text secret', raw: 'raw bytes' };
  for (const [secretFormat, secret] of Object.entries(secrets)) assert.ok(new Webhook(secret, { scheme: { ...custom, secretFormat } }));
  assert.throws(() => new Webhook(SECRET).sign('bad\nid', TS, BODY), notVerification('INVALID_ARGUMENT'));
  assert.throws(() => new Webhook(SECRET).sign('', TS, BODY), notVerification('INVALID_ARGUMENT'));
  // Signing errors are the sender's configuration or arguments, never a failed verification,
  // though NO_ACTIVE_KEY and INVALID_TIMESTAMP are verification codes too.
  assert.throws(() => new Webhook({ secret: SECRET, notAfter: TS - 1 }).sign(ID, TS, BODY), notVerification('NO_ACTIVE_KEY'));
  assert.throws(() => new Webhook(SECRET).sign(ID, -1, BODY), notVerification('INVALID_TIMESTAMP'));
  // An id over the core's 256 bytes, however long, gets the core's own error (and is not copied into wasm).
  for (const id of ['x'.repeat(257), 'é'.repeat(200), 'y'.repeat(50_000_000)]) {
    assert.throws(() => new Webhook(SECRET).sign(id, TS, BODY), { name: 'WebhookError', code: 'INVALID_ARGUMENT', message: 'invalid argument: message id must be 1 to 256 bytes' });
  }
  assert.throws(() => new Webhook(42), TypeError);
  assert.throws(() => new Webhook(null), TypeError);
  assert.throws(() => new Webhook(SECRET, 'standard'), TypeError);
  const formats = 'auto, whsec, base64, hex, text, raw';
  assert.throws(() => new Webhook(SECRET, { format: 'base32' }), { name: 'TypeError', message: `options.format must be one of ${formats}` });
  // An entry holds a secret, not another entry.
  assert.throws(() => new Webhook({ secret: { secret: SECRET } }), { name: 'TypeError', message: 'a secret must be a string or a Uint8Array, not object' });
  assert.throws(() => new Webhook([SECRET, { notAfter: TS }]), { name: 'TypeError', message: 'a secret must be a string or a Uint8Array, not undefined' });
  for (const format of ['base32', null, 3]) {
    assert.throws(() => new Webhook({ secret: SECRET, format }), { name: 'TypeError', message: `a secret's format must be one of ${formats}` });
  }
  assert.throws(() => new Webhook(SECRET, { tolerance: '300' }), TypeError);
  assert.throws(() => new Webhook(SECRET, { tolerance: -1 }), RangeError);
  assert.throws(() => new Webhook(SECRET, { tolerance: 1.5 }), RangeError);
  assert.throws(() => new Webhook({ secret: SECRET, notAfter: 'soon' }), TypeError);
  assert.throws(() => new Webhook({ secret: SECRET, notAfter: new Date(NaN) }), RangeError);
  const hook = new Webhook(SECRET);
  assert.throws(() => hook.verify(42, HEADERS, now), TypeError);
  assert.throws(() => hook.verify(BODY, null, now), TypeError);
  assert.throws(() => hook.verify(BODY, 'headers', now), TypeError);
  assert.throws(() => hook.verify(BODY, HEADERS, { now: 'now' }), TypeError);
  assert.throws(() => hook.verify(BODY, HEADERS, { now: NaN }), RangeError);
  assert.throws(() => hook.verify(BODY, HEADERS, 5), TypeError);
  assert.throws(() => hook.sign(42, TS, BODY), TypeError);
  assert.throws(() => hook.sign(ID, 'today', BODY), TypeError);
  assert.throws(() => hook.sign(ID, Infinity, BODY), RangeError);
  assert.throws(() => hook.sign(ID, TS, {}), TypeError);
  assert.throws(() => hook.signHeaders(BODY, 'x'), TypeError);
  assert.throws(() => generateSecret({ bytes: 8 }), notVerification('SECRET_TOO_SHORT'));
  assert.throws(() => generateSecret({ bytes: 2048 }), notVerification('SECRET_TOO_LONG'));
  // The core's bounds, per format: whsec_ 24 to 512 bytes (the Standard Webhooks specification),
  // hex text 16 to 512 (its text is the key, within the 1 KiB key limit).
  for (const [scheme, low, high] of [['standard', 24, 512], ['github', 16, 512]]) {
    for (const bytes of [low, high]) assert.doesNotThrow(() => new Webhook(generateSecret({ scheme, bytes }), { scheme }));
    assert.throws(() => generateSecret({ scheme, bytes: low - 1 }), { code: 'SECRET_TOO_SHORT', message: `secret of ${low - 1} bytes is shorter than the minimum of ${low}` });
    assert.throws(() => generateSecret({ scheme, bytes: high + 1 }), { code: 'SECRET_TOO_LONG', message: `secret of ${high + 1} bytes is longer than the maximum of ${high}` });
  }
  // Any count wasm32 can hold gets the core's answer, with the count asked for (no more random
  // bytes are drawn than one more than a key may have).
  for (const bytes of [1025, 2 ** 20, 2 ** 32 - 1]) {
    assert.throws(() => generateSecret({ bytes }), { code: 'SECRET_TOO_LONG', message: `secret of ${bytes} bytes is longer than the maximum of 512` });
  }
  for (const bytes of [2 ** 32, 2 ** 53, -1, 1.5, NaN, Infinity]) {
    assert.throws(() => generateSecret({ bytes }), { name: 'RangeError', message: 'options.bytes must be an integer from 0 to 2^32 - 1' });
  }
  assert.throws(() => generateSecret({ bytes: '32' }), { name: 'TypeError', message: 'options.bytes must be a number, not string' });
  assert.throws(() => generateSecret({ scheme: 7 }), { name: 'TypeError', message: 'options.scheme must be a string, not number' });
  assert.throws(() => generateSecret({ scheme: 'nope' }), notVerification('INVALID_SCHEME'));
  // A throwing header getter surfaces as an Error; a non-Error throw becomes a TypeError.
  assert.throws(() => hook.verify(BODY, { get() { throw 'boom'; } }, now), TypeError);
  assert.throws(() => hook.verify(BODY, new Proxy({}, { ownKeys() { throw new RangeError('trap'); } }), now), RangeError);
  // Still healthy afterwards.
  assert.equal(hook.verifySignature(BODY, HEADERS, now).id, ID);
});

test('Ed25519 keys raise a clear typed error in this build', () => {
  for (const s of ['whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=', ' whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=']) {
    assert.throws(() => new Webhook(s), (e) => e instanceof WebhookError && e.code === 'INVALID_SECRET' && /Ed25519/.test(e.message));
  }
  // v1a entries beside a v1 entry are skipped as another version.
  const h = { ...HEADERS, 'webhook-signature': 'v1a,' + 'A'.repeat(86) + '== ' + HEADERS['webhook-signature'] };
  assert.equal(new Webhook(SECRET).verifySignature(BODY, h, now).id, ID);
});

// The browser build checks text with its own code where the Node build uses Rust's core
// (crates/hooksig/src/text.rs): both are held to the same answers here.
test('text at the boundary, in both builds: scheme separators, message ids, Unicode spaces', async () => {
  const custom = { name: 'x', signatureHeader: 'x', template: '{body}' };
  const oneChar = 'invalid scheme: separators must be one character';
  const notDelimiter = (kind) => `invalid scheme: ${kind} separator must be a space or punctuation outside base64 and '='`;
  const idCharacters = 'invalid argument: message id has control characters or surrounding spaces';
  for (const [build, { Webhook }] of await builds()) {
    // One character however many UTF-8 bytes or UTF-16 units it takes; only ASCII punctuation
    // and space outside base64 read back.
    for (const [separator, message] of [['ab', oneChar], [';;', oneChar], ['é;', oneChar], ['é', notDelimiter('list')], ['€', notDelimiter('list')], ['🔑', notDelimiter('list')], ['=', notDelimiter('list')]]) {
      assert.throws(() => new Webhook(SECRET, { scheme: { ...custom, layout: { type: 'list', separator, prefix: 'v1=' } } }), { code: 'INVALID_SCHEME', message }, `${build} ${separator}`);
      const pairs = { type: 'keyValue', pairSeparator: separator, signatureKey: 'v1' };
      assert.throws(() => new Webhook(SECRET, { scheme: { ...custom, layout: pairs } }), { code: 'INVALID_SCHEME', message: message.replace('list', 'pair') }, `${build} ${separator}`);
    }
    for (const separator of [' ', ';', '|']) assert.ok(new Webhook(SECRET, { scheme: { ...custom, layout: { type: 'list', separator, prefix: 'v1=' } } }));
    const hook = new Webhook(SECRET);
    for (const id of ['msg_é🔑', 'a\u00a0b', '\u200bmsg', 'msg\ufeff']) assert.equal(hook.signHeaders(BODY, { id, timestamp: TS })['webhook-id'], id, `${build} ${id}`);
    for (const id of ['bad\nid', 'a\u007fb', 'a\u0080b', 'a\u009f', '\u0085msg', ' msg', '\u00a0msg', 'msg\u2028', '\u3000msg']) {
      assert.throws(() => hook.sign(id, TS, BODY), { code: 'INVALID_ARGUMENT', message: idCharacters }, `${build} ${JSON.stringify(id)}`);
    }
    // A prefix goes into a header value: no C0 or C1 control characters.
    for (const prefix of ['v1\u0085', 'v1\u0001', '\u009fv1']) {
      assert.throws(() => new Webhook(SECRET, { scheme: { ...custom, layout: { type: 'single', prefix } } }), { code: 'INVALID_SCHEME', message: 'invalid scheme: prefix has control characters' }, `${build} ${JSON.stringify(prefix)}`);
    }
    assert.ok(new Webhook(SECRET, { scheme: { ...custom, layout: { type: 'single', prefix: 'v1\u00a0é=' } } }));
  }
});

test('keyrings: rotation with notAfter (number or Date), key index reported', () => {
  const older = generateSecret();
  const newer = generateSecret();
  const sent = new Webhook(older).signHeaders(BODY, { id: 'm', timestamp: TS });
  const ring = new Webhook([newer, { secret: older, notAfter: new Date((TS + 60) * 1000) }]);
  assert.equal(ring.verifySignature(BODY, sent, now).keyIndex, 1);
  assert.throws(() => ring.verifySignature(BODY, sent, { now: TS + 61 }), code('NO_MATCHING_SIGNATURE'));
  // Signing with a ring emits one entry per active key.
  assert.match(ring.sign('m', TS, BODY), /^v1,\S+ v1,\S+$/);
});

test('schemes: stripe, github, github-sha1, slack, shopify, custom', () => {
  const secret = 'whsec_test_secret_for_all_schemes';
  const idAndTimestamp = { name: 'both', signatureHeader: 'x-sig', idHeader: 'x-id', timestampHeader: 'x-ts', template: '{id}.{timestamp}.{body}' };
  const zoom = { name: 'zoom', signatureHeader: 'x-zm-signature', template: 'v0:{timestamp}:{body}', timestampHeader: 'x-zm-request-timestamp', layout: { type: 'single', prefix: 'v0=' } };
  // `sign` returns the signature header's value: the last of the primary headers signing emits.
  const signatureHeader = { svix: 'svix-signature', stripe: 'Stripe-Signature', github: 'X-Hub-Signature-256', 'github-sha1': 'X-Hub-Signature-256', slack: 'X-Slack-Signature', shopify: 'X-Shopify-Hmac-Sha256', both: 'x-sig', zoom: 'x-zm-signature' };
  for (const s of ['svix', 'stripe', 'github', 'github-sha1', 'slack', 'shopify', idAndTimestamp, zoom]) {
    const hook = new Webhook(secret, { scheme: s });
    const headers = hook.signHeaders(BODY, { id: ID, timestamp: TS });
    const v = hook.verifySignature(Buffer.from(BODY), new Headers(Object.entries(headers)), now);
    const name = typeof s === 'string' ? s : s.name;
    assert.equal(v.scheme, name);
    assert.equal(v.kind, 'hmac-sha256');
    assert.equal(hook.sign(ID, TS, BODY), headers[signatureHeader[name]], name);
  }
  const gh1 = new Webhook(secret, { scheme: 'github-sha1' });
  const only1 = { 'x-hub-signature': gh1.signHeaders(BODY)['X-Hub-Signature'] };
  assert.equal(gh1.verifySignature(BODY, only1, now).kind, 'hmac-sha1');
  assert.throws(() => new Webhook(secret, { scheme: 'github' }).verifySignature(BODY, only1, now), code('MISSING_HEADER'));
});

test("raw key bytes are copied, never changed: the caller's Buffer, Uint8Array or view keeps its key", () => {
  // The facade zeroizes its own copy of every secret after handing it to wasm; a Buffer's slice()
  // is a view, so copying with it would wipe the caller's key.
  const pool = Buffer.alloc(64, 9);
  const inputs = [Buffer.alloc(32, 7), new Uint8Array(32).fill(5), pool.subarray(16, 48)];
  for (const key of inputs) {
    const before = Uint8Array.from(key);
    for (const secret of [key, [key], { secret: key }, [{ secret: key, notAfter: TS + 60 }]]) {
      const hook = new Webhook(secret);
      assert.deepEqual(Uint8Array.from(key), before, 'the caller\'s bytes are unchanged');
      const sig = 'v1,' + createHmac('sha256', key).update(`m.${TS}.${BODY}`).digest('base64');
      const headers = { 'webhook-id': 'm', 'webhook-timestamp': String(TS), 'webhook-signature': sig };
      assert.equal(hook.verifySignature(BODY, headers, now).keyIndex, 0);
    }
  }
  assert.deepEqual(pool.subarray(0, 16), Buffer.alloc(16, 9));
  assert.deepEqual(pool.subarray(48), Buffer.alloc(16, 9));
});

test('header values as bytes (a Buffer, as stripe-node takes): their UTF-8 text, bounded like strings', () => {
  const hook = new Webhook(SECRET);
  const signed = hook.signHeaders(BODY, { id: ID, timestamp: TS });
  const bytes = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k, Buffer.from(v)]));
  assert.equal(hook.verifySignature(BODY, bytes, now).id, ID);
  assert.equal(hook.verifySignature(BODY, { ...signed, 'webhook-signature': [Buffer.from('v1,AAAA'), new Uint8Array(Buffer.from(signed['webhook-signature']))] }, now).id, ID);
  // A leading BOM stays, as in the same header given as a string.
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(signed['webhook-signature'])]);
  assert.throws(() => hook.verifySignature(BODY, { ...signed, 'webhook-signature': bom }, now), code('NO_MATCHING_SIGNATURE'));
  assert.throws(() => hook.verifySignature(BODY, { ...signed, 'webhook-signature': '\ufeff' + signed['webhook-signature'] }, now), code('NO_MATCHING_SIGNATURE'));
  const big = (byte) => Buffer.alloc(9000, byte);
  assert.throws(() => hook.verifySignature(BODY, { ...signed, 'webhook-id': big(0x6d) }, now), code('HEADER_TOO_LARGE'));
  assert.throws(() => hook.verifySignature(BODY, { ...signed, 'webhook-id': big(0) }, now), code('MALFORMED_HEADER'));
  assert.equal(hook.verifySignature(BODY, { ...signed, 'svix-id': big(0x20) }, now).id, ID, 'a blank oversized fallback header is absent');
  assert.throws(() => hook.verifySignature(BODY, { ...signed, 'webhook-id': new Uint16Array(2) }, now), TypeError);
});

test('standardwebhooks compatibility: verify(…, { jsonParse }), WebhookVerificationError(message)', () => {
  const ours = new Webhook(SECRET);
  const theirs = new StandardWebhook(SECRET);
  const text = 'hello=world';
  const headers = { 'webhook-id': ID, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
  headers['webhook-signature'] = theirs.sign(ID, new Date(Number(headers['webhook-timestamp']) * 1000), text);
  assert.equal(ours.verify(text, headers, { jsonParse: false }), theirs.verify(text, headers, { jsonParse: false }));
  assert.equal(ours.verify(text, headers, { jsonParse: false }), undefined);
  assert.throws(() => ours.verify(text, headers), SyntaxError, 'parsed by default');
  assert.throws(() => ours.verify(text + '!', headers, { jsonParse: false }), code('NO_MATCHING_SIGNATURE', WebhookVerificationError));
  assert.throws(() => ours.verify(text, headers, { jsonParse: 'no' }), TypeError);
  // Code written for standardwebhooks makes its own errors with a message alone.
  const made = new WebhookVerificationError('Missing required headers');
  assert.equal(made.message, 'Missing required headers');
  assert.equal(made.code, 'NO_MATCHING_SIGNATURE');
  assert.ok(made instanceof WebhookError && made instanceof Error);
  assert.deepEqual([new WebhookError('bad').message, new WebhookError('bad').code], ['bad', 'INVALID_ARGUMENT']);
  assert.deepEqual([new WebhookVerificationError('MISSING_HEADER', 'm').code, new WebhookVerificationError('MISSING_HEADER', 'm').message], ['MISSING_HEADER', 'm']);
});

test('objects from another realm (node:vm, Jest, iframes) are taken as this realm\'s are', () => {
  const other = vm.runInNewContext(`({
    key: new Uint8Array(32).fill(7),
    body: new Uint8Array([123, 125]),
    buffer: new Uint8Array([123, 125]).buffer,
    date: new Date(${TS} * 1000),
    headers: (sig) => new Map([['Webhook-Id', 'm'], ['Webhook-Timestamp', '${TS}'], ['Webhook-Signature', sig]]),
  })`);
  assert.equal(other.key instanceof Uint8Array, false, 'really from another realm');
  const key = Buffer.alloc(32, 7);
  const sig = 'v1,' + createHmac('sha256', key).update(`m.${TS}.{}`).digest('base64');
  for (const secret of [other.key, [other.key], { secret: other.key }]) {
    const hook = new Webhook(secret);
    for (const payload of [other.body, other.buffer, '{}']) {
      assert.deepEqual(hook.verify(payload, other.headers(sig), { now: other.date }), {});
    }
    assert.equal(hook.sign('m', other.date, other.body), sig);
  }
});

test('header values over the core\'s limit are judged as the core would, without copying them into wasm', () => {
  const hook = new Webhook(SECRET);
  const sig = new StandardWebhook(SECRET).sign(ID, new Date(TS * 1000), BODY);
  const good = { 'webhook-id': ID, 'webhook-timestamp': String(TS), 'webhook-signature': sig };
  const huge = (c) => c.repeat(20_000_000);
  // Read by the core: too large, whatever the value holds.
  for (const [name, value] of [['webhook-signature', sig + ' ' + huge('A')], ['webhook-id', huge(' ')], ['webhook-timestamp', huge('9')]]) {
    assert.throws(() => hook.verifySignature(BODY, { ...good, [name]: value }, now), code('HEADER_TOO_LARGE', WebhookVerificationError), name);
    assert.throws(() => hook.verifySignature(BODY, { ...good, [name]: [value, value] }, now), code('HEADER_TOO_LARGE', WebhookVerificationError), name);
  }
  // Just past the limit, the same; at it, not.
  assert.throws(() => hook.verifySignature(BODY, { ...good, 'webhook-signature': sig + ' '.repeat(8193 - sig.length) }, now), code('HEADER_TOO_LARGE'));
  assert.equal(hook.verifySignature(BODY, { ...good, 'webhook-signature': sig + ' '.repeat(8192 - sig.length) }, now).keyIndex, 0);
  // Not read (the svix-* variant is only a fallback): no effect, unless blank-or-not decides the variant.
  assert.equal(hook.verifySignature(BODY, { ...good, 'svix-signature': huge('B') }, now).keyIndex, 0);
  const svixOnly = { 'svix-id': ID, 'svix-timestamp': String(TS), 'svix-signature': sig };
  assert.equal(hook.verifySignature(BODY, { ...svixOnly, 'webhook-id': huge(' ') }, now).keyIndex, 0, 'a blank webhook-id is absent');
  assert.throws(() => hook.verifySignature(BODY, { ...svixOnly, 'webhook-id': huge('m') }, now), code('HEADER_TOO_LARGE'), 'a present one picks webhook-*');
  assert.throws(() => hook.verifySignature(BODY, { ...good, 'svix-id': huge('x') + '\0' }, now), code('MALFORMED_HEADER'));
});

test('headers too large for wasm memory are a RangeError, and leave every instance as it was', () => {
  const hook = new Webhook(SECRET);
  const bystander = new Webhook(SECRET, { scheme: 'stripe' });
  const sig = new StandardWebhook(SECRET).sign(ID, new Date(TS * 1000), BODY);
  const good = { 'webhook-id': ID, 'webhook-timestamp': String(TS), 'webhook-signature': sig };
  const stripeSig = `t=${TS},v1=` + createHmac('sha256', SECRET).update(`${TS}.${BODY}`).digest('hex');
  // 200,000 values of 8,000 characters (one string, shared): ~4.8 GB once encoded, past what
  // wasm32 can address. It used to wrap around 2^32 and overwrite other instances' memory.
  const many = Array(200_000).fill('a'.repeat(8000));
  assert.throws(() => hook.verifySignature(BODY, { ...good, 'webhook-signature': many }, now), RangeError);
  assert.equal(hook.verifySignature(BODY, good, now).keyIndex, 0);
  assert.equal(bystander.verifySignature(BODY, { 'stripe-signature': stripeSig }, now).keyIndex, 0);
});

test('errors from the require() copy are instances of the import() copy\'s classes, and back', () => {
  // An application that imports hooksig while a dependency requires it has two copies of it.
  const cjs = createRequire(import.meta.url)('../dist/node.cjs');
  assert.notEqual(cjs.WebhookError, WebhookError, 'two copies');
  const fromCjs = (() => { try { new cjs.Webhook(SECRET).verify(BODY, {}); } catch (e) { return e; } })();
  const fromEsm = (() => { try { new Webhook(SECRET).verify(BODY, {}); } catch (e) { return e; } })();
  for (const [error, classes] of [[fromCjs, { WebhookError, WebhookVerificationError }], [fromEsm, cjs]]) {
    assert.ok(error instanceof classes.WebhookVerificationError && error instanceof classes.WebhookError);
  }
  const config = (() => { try { new cjs.Webhook(''); } catch (e) { return e; } })();
  assert.ok(config instanceof WebhookError && !(config instanceof WebhookVerificationError));
  assert.ok(!(new Error('x') instanceof WebhookError) && !({ code: 'MISSING_HEADER' } instanceof WebhookVerificationError));
  class Mine extends WebhookError {}
  assert.ok(new Mine('m') instanceof Mine && !(new WebhookError('m') instanceof Mine));
});

test('bodies wasm memory cannot hold are a RangeError on every path, and the instance keeps working', () => {
  // Memory capped at 125 MiB (V8's --wasm-max-mem-pages) stands in for the 4 GiB wasm32 has.
  const out = execFileSync(process.execPath, ['--wasm-max-mem-pages=2000', join(here, 'fixtures/out-of-memory.mjs')], { encoding: 'utf8' });
  assert.equal(out.trim(), '["RangeError","ok"] 30');
});

test('collected Webhooks free their wasm side: memory stops growing', () => {
  const out = execFileSync(process.execPath, ['--expose-gc', join(here, 'fixtures/collected.mjs')], { encoding: 'utf8' });
  const sizes = JSON.parse(out);
  assert.equal(sizes.length, 6);
  // The first round grows memory to hold one round's Webhooks; no later round may add to it.
  assert.deepEqual(new Set(sizes.slice(1)), new Set([sizes[0]]), out);
});

test('neither .wasm imports anything (an import costs every Node cold start ~0.4 ms)', () => {
  for (const file of ['hooksig_node.wasm', 'hooksig_bg.wasm']) {
    const module = new WebAssembly.Module(readFileSync(join(here, '../dist', file)));
    assert.deepEqual(WebAssembly.Module.imports(module), [], file);
  }
});

test('each .wasm exports what the facade calls (src/api.ts Exports) and nothing else', () => {
  const common = ['generate_secret', 'hook_free', 'hook_hints', 'hook_new', 'hook_sign', 'hook_verify', 'input_buffer', 'memory', 'report'];
  for (const [file, names] of [['hooksig_node.wasm', [...common, 'hook_resume', 'set_host_threshold']], ['hooksig_bg.wasm', common]]) {
    const module = new WebAssembly.Module(readFileSync(join(here, '../dist', file)));
    assert.deepEqual(WebAssembly.Module.exports(module).map((e) => e.name).sort(), names.sort(), file);
  }
});

test('large bodies take the host HMAC path and agree with the wasm path', () => {
  const hook = new Webhook(SECRET);
  const key = Buffer.from(SECRET.slice(6), 'base64');
  for (const size of [0, 1, 1010, 1011, 1012, 1023, 1024, 1025, 65536, 1 << 20]) {
    // Binary bodies: standardwebhooks itself cannot sign these (it UTF-8-decodes Buffers), so the
    // reference is node:crypto over the exact bytes.
    const body = new Uint8Array(size).map((_, i) => (i * 31) & 0xff);
    const theirs = 'v1,' + createHmac('sha256', key).update(`m.${TS}.`).update(body).digest('base64');
    assert.equal(hook.sign('m', TS, body), theirs, `size ${size}`);
    const headers = { 'webhook-id': 'm', 'webhook-timestamp': String(TS), 'webhook-signature': theirs };
    assert.equal(hook.verifySignature(body, headers, now).id, 'm');
  }
});

test('bodies around the inline limit (16 Ki units), as strings (ASCII and not) and bytes, on one instance', () => {
  // Small bodies are written into the instance's kept input buffer, large ones passed as an
  // argument; mixing sizes on one instance must never let one call see another's bytes.
  const hook = new Webhook(SECRET);
  const key = Buffer.from(SECRET.slice(6), 'base64');
  const sizes = [16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 3, 22 * 1024, 0, 64 * 1024, 5];
  for (const size of sizes) {
    for (const text of ['a'.repeat(size), 'é'.repeat(size), 'a'.repeat(Math.max(0, size - 1)) + '😀'.slice(0, size ? 2 : 0)]) {
      const theirs = 'v1,' + createHmac('sha256', key).update(`m.${TS}.`).update(text).digest('base64');
      const headers = { 'webhook-id': 'm', 'webhook-timestamp': String(TS), 'webhook-signature': theirs };
      assert.equal(hook.verifySignature(text, headers, now).id, 'm', `string of ${size} units`);
      assert.equal(hook.verifySignature(Buffer.from(text), headers, now).id, 'm', `bytes of ${size} units`);
      assert.throws(() => hook.verifySignature(text + ' ', headers, now), code('NO_MATCHING_SIGNATURE', WebhookVerificationError));
    }
  }
  // Header values that need more than the buffer held so far, then small ones again.
  const long = 'x'.repeat(40_000);
  assert.throws(() => hook.verifySignature('{}', { 'webhook-id': long, 'webhook-timestamp': String(TS), 'webhook-signature': 'v1,AAAA' }, now), code('HEADER_TOO_LARGE', WebhookVerificationError));
  assert.equal(hook.verifySignature(BODY, HEADERS, now).id, ID);
});

test('secrets never appear in errors, toString, JSON.stringify or inspect', () => {
  const secrets = ['whsec_c2VjcmV0LXZhbHVlLW5ldmVyLXNob3du', 'plain-text-secret-never-shown-anywhere'];
  const hook = new Webhook([secrets[0], { secret: secrets[1], format: 'text' }]);
  const texts = [String(hook), JSON.stringify(hook), inspect(hook), inspect(hook, { showHidden: true, depth: 5 }), Object.keys(hook).join()];
  for (const headers of [{}, { ...HEADERS }, { 'webhook-id': 'x', 'webhook-timestamp': String(TS), 'webhook-signature': 'v1,' + secrets[0] }]) {
    try {
      hook.verify(BODY, headers, now);
    } catch (e) {
      texts.push(String(e), e.message, e.stack, JSON.stringify(e), inspect(e));
    }
  }
  for (const bad of ['whsec_' + 'c2VjcmV0'.repeat(3) + '!', 'x'.repeat(4097), 'whsk_' + secrets[0]]) {
    try {
      new Webhook(bad);
    } catch (e) {
      texts.push(String(e), e.message, e.stack, inspect(e));
    }
  }
  for (const t of texts) {
    for (const s of [...secrets, 'c2VjcmV0LXZhbHVl', 'c2VjcmV0c2VjcmV0', 'x'.repeat(40)]) assert.ok(!t.includes(s), `leaked in: ${t.slice(0, 200)}`);
  }
  assert.equal(String(hook), 'Webhook(standard, keys: [...b3du, ...here])');
});

test('CommonJS require gives the same API', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('../dist/node.cjs');
  assert.equal(new cjs.Webhook(SECRET).verifySignature(BODY, HEADERS, now).id, ID);
  assert.throws(() => new cjs.Webhook(SECRET).verify('x', HEADERS, now), cjs.WebhookVerificationError);
});

test('generateSecret: formats per scheme, randomness', () => {
  const a = generateSecret();
  assert.match(a, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.notEqual(a, generateSecret());
  assert.match(generateSecret({ scheme: 'github', bytes: 16 }), /^[0-9a-f]{32}$/);
  assert.equal(new Webhook(a).verifySignature(BODY, new Webhook(a).signHeaders(BODY), {}).keyIndex, 0);
});

test("the facade's error-code table is the core engine's, in the same order (status = index + 1)", async () => {
  const { readFile } = await import('node:fs/promises');
  const list = (text, start) => {
    const from = text.indexOf(start);
    assert.ok(from >= 0, `${start} not found`);
    return [...text.slice(from, text.indexOf('];', from)).matchAll(/'([A-Z_]+)'|"([A-Z_]+)"/g)].map((m) => m[1] ?? m[2]);
  };
  const ts = list(await readFile(new URL('../src/api.ts', import.meta.url), 'utf8'), 'const CODES');
  const rs = list(await readFile(new URL('../../crates/hooksig/src/engine/mod.rs', import.meta.url), 'utf8'), 'pub const CODES');
  assert.equal(rs.length, 16);
  assert.deepEqual(ts, rs);
});
