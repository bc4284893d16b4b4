// Timing test of the npm package's verification (the core compiled to wasm, run by Node), measured
// through the documented API `new Webhook(secret).verifySignature(payload, headers, { now })`: two
// classes of rejected signatures, interleaved at random, compared by a t statistic (as dudect),
// here over per-batch differences of means and of medians (see run()). The classes differ in how
// they relate to the secret tag, never in how much public work they take.
//
// Usage: node ct/wasm/ct.mjs [entry ...]   (default: npm/dist/node.mjs and npm/dist/browser.mjs)
//   node.mjs    the Node entry (wasm core; from 384 B of signed content the HMAC runs in node:crypto;
//               these deliveries are smaller, so both entries exercise the wasm HMAC);
//   browser.mjs the browser entry (wasm core and wasm HMAC), loaded here through a file fetch shim.
// CT_MEASUREMENTS: measurements per class (default 1,000,000).
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve, dirname } from 'node:path';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.env.CT_MEASUREMENTS ?? 1_000_000);
const NOW = 1614265330;
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const KEY = Buffer.from(SECRET.slice(6), 'base64');

// xorshift64*, as in the native harness.
let state = 42n;
function next() {
  state ^= state >> 12n; state ^= (state << 25n) & 0xffffffffffffffffn; state ^= state >> 27n;
  return (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
}

class Moments {
  n = 0; mean = 0; m2 = 0;
  push(x) { this.n++; const d = x - this.mean; this.mean += d / this.n; this.m2 += d * (x - this.mean); }
  get variance() { return this.n > 1 ? this.m2 / (this.n - 1) : 0; }
}

// The classes are interleaved at random in batches of 64 (one xorshift draw). Each batch gives one
// difference of the class means and one of the class medians, and each t is the one-sample t of
// those differences over all batches:
// - slow drift (CPU frequency, other processes, JIT state) moves both classes of a batch alike and
//   cancels, where a t over the pooled samples reads it as a difference;
// - the median needs no cropping: crops at fixed thresholds (dudect's) turned sub-nanosecond shifts
//   of a dense mode sitting at a threshold into |t| ≈ 15–40 between classes doing identical work.
function run(name, control, measure) {
  for (let i = 0; i < 20000; i++) measure(i & 1); // warm-up: JIT and wasm tiers settle
  const meanDiffs = new Moments();
  const medianDiffs = new Moments();
  const batch = [[], []];
  const totals = [0, 0];
  const counts = [0, 0];
  const median = (xs) => {
    xs.sort((a, b) => a - b);
    const h = xs.length >> 1;
    return xs.length & 1 ? xs[h] : (xs[h - 1] + xs[h]) / 2;
  };
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  while (counts[0] < N || counts[1] < N) {
    const bits = next();
    batch[0].length = batch[1].length = 0;
    for (let k = 0n; k < 64n; k++) {
      const c = Number((bits >> k) & 1n);
      const x = measure(c);
      counts[c]++;
      totals[c] += x;
      batch[c].push(x);
    }
    if (batch[0].length > 0 && batch[1].length > 0) {
      meanDiffs.push(mean(batch[0]) - mean(batch[1]));
      medianDiffs.push(median(batch[0]) - median(batch[1]));
    }
  }
  const t = (m) => (m.n > 1 && m.variance > 0 ? m.mean / Math.sqrt(m.variance / m.n) : 0);
  return {
    name,
    control,
    counts,
    means: [totals[0] / counts[0], totals[1] / counts[1]],
    tMean: t(meanDiffs),
    tMedian: t(medianDiffs),
    // The smallest median difference this sample could have detected at |t| = 4.5.
    resolution: 4.5 * Math.sqrt(medianDiffs.variance / medianDiffs.n),
  };
}

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const alnum = (s) => /^[A-Za-z0-9=]*$/.test(s);
const tagOf = (body) => createHmac('sha256', KEY).update(`${ID}.${NOW}.`).update(body).digest();

async function measureEntry(entry) {
  const { Webhook } = await import(pathToFileURL(entry).href);
  const hook = new Webhook(SECRET);
  // As natively: every signature text is letters and digits only, so the public alphabet scans
  // run the same for both classes, which then differ only in how they relate to the secret tag.
  let body, tag;
  for (let nonce = 0; ; nonce++) {
    body = `{"type":"invoice.paid","data":{"id":"in_1","amount":4200},"nonce":${String(nonce).padStart(6, '0')}}`;
    tag = tagOf(body);
    if (alnum(b64(tag)) && alnum(b64(tag.subarray(0, 31)))) break;
  }
  // A byte string whose base64 (and that of its 31-byte prefix) is letters and digits only.
  const alnumBytes = (make) => {
    for (;;) {
      const bytes = make();
      if (alnum(b64(bytes)) && alnum(b64(bytes.subarray(0, 31)))) return bytes;
    }
  };
  const randomByte = () => Number(next() & 0xffn);
  const randomBytes = (n) => Buffer.from(Array.from({ length: n }, randomByte));
  // The tag with the byte at `at` changed to another random value.
  const changedAt = (at) => alnumBytes(() => {
    const t = Buffer.from(tag);
    t[at] ^= 1 + (randomByte() % 255);
    return t;
  });
  const headers = { 'webhook-id': ID, 'webhook-timestamp': String(NOW), 'webhook-signature': `v1,${b64(tag)}` };
  const ok = hook.verifySignature(body, headers, { now: NOW });
  if (ok.keyIndex !== 0) throw new Error('the true signature must verify');

  // Each class is 64 signature texts made by its generator: the classes differ in how they relate
  // to the secret tag, and the public content varies within each class alike (which characters a
  // table-driven decoder looks up, which string objects V8 holds), so content effects on the
  // timing average out instead of standing in for the class.
  // `leak`, for the sensitivity control only: a comparison that stops at the first difference,
  // run inside the timed region after the verification, on the signature's bytes.
  const verifyTest = (name, control, makeA, makeB, leak) => {
    const copies = [makeA, makeB].map((make) => Array.from({ length: 64 }, () => make()));
    const bytes = copies.map((texts) => texts.map((s) => Buffer.from(s.slice(3), 'base64')));
    for (const s of copies.flat()) {
      headers['webhook-signature'] = s;
      let rejected = false;
      try { hook.verifySignature(body, headers, { now: NOW }); } catch (e) { rejected = e.code !== undefined; }
      if (!rejected) throw new Error(`${name}: both classes must be rejected with a coded error`);
    }
    const next = [0, 0];
    const opts = { now: NOW };
    let sink = 0;
    const result = run(name, control, (c) => {
      const i = next[c]++ & 63;
      headers['webhook-signature'] = copies[c][i];
      const t0 = process.hrtime.bigint();
      try { hook.verifySignature(body, headers, opts); } catch { /* rejected, as both classes are */ }
      if (leak) sink += leak(bytes[c][i]);
      return Number(process.hrtime.bigint() - t0);
    });
    if (sink < 0) console.log(sink); // keeps the leaky comparison from being optimized away
    return result;
  };
  return [
    verifyTest('verifySignature: first- vs last-byte mismatch', false,
      () => `v1,${b64(changedAt(0))}`, () => `v1,${b64(changedAt(31))}`),
    verifyTest('verifySignature: wrong length, true prefix vs one byte off', false,
      () => `v1,${b64(tag.subarray(0, 31))}`, () => `v1,${b64(changedAt(Number(next() % 31n)).subarray(0, 31))}`),
    verifyTest('verifySignature: wrong version, true tag vs one byte off', false,
      () => `v2,${b64(tag)}`, () => `v2,${b64(changedAt(Number(next() % 32n)))}`),
    verifyTest('control: plus an early-exit comparison, first vs last byte', true,
      () => `v1,${b64(changedAt(0))}`, () => `v1,${b64(changedAt(31))}`,
      (got) => { let i = 0; while (i < 32 && got[i] === tag[i]) i++; return i; }),
    verifyTest('control: wrong length vs right length', true,
      () => `v1,${b64(alnumBytes(() => randomBytes(32)).subarray(0, 31))}`, () => `v1,${b64(alnumBytes(() => randomBytes(32)))}`),
  ];
}

// The browser entry fetches its .wasm next to itself; give Node's fetch file: URLs.
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const u = new URL(String(url?.url ?? url));
  if (u.protocol !== 'file:') return realFetch(url, init);
  return new Response(readFileSync(u), { headers: { 'content-type': 'application/wasm' } });
};

const entries = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['npm/dist/node.mjs', 'npm/dist/browser.mjs'].map((p) => resolve(ROOT, p));
let failed = false;
for (const entry of entries) {
  if (!existsSync(entry)) {
    console.log(`ct wasm: ${entry} is not built: run \`make build-npm\` first`);
    failed = true;
    continue;
  }
  const rows = await measureEntry(entry);
  console.log(`ct wasm (${entry.replace(ROOT + '/', '')}, Node ${process.version}): t of per-batch class differences of means and of medians; |t| < 4.5 no leak detected, > 10 leak (${N} measurements per class minimum, ns; resol.: smallest median difference detectable at |t| = 4.5)`);
  console.log(`${'test'.padEnd(60)} ${'n class A'.padStart(10)} ${'n class B'.padStart(10)} ${'mean A ns'.padStart(10)} ${'mean B ns'.padStart(10)} ${'t mean'.padStart(8)} ${'t median'.padStart(8)} ${'resol. ns'.padStart(9)}  verdict`);
  for (const r of rows) {
    const t = Math.max(Math.abs(r.tMean), Math.abs(r.tMedian));
    let verdict;
    if (r.control) verdict = t >= 10 ? 'detected (as expected)' : 'NOT detected: harness not sensitive enough here';
    else if (t < 4.5) verdict = 'no leak detected';
    else if (t < 10) verdict = 'inconclusive (4.5 <= |t| < 10)';
    else { verdict = 'LEAK'; failed = true; }
    console.log(`${r.name.padEnd(60)} ${String(r.counts[0]).padStart(10)} ${String(r.counts[1]).padStart(10)} ${r.means[0].toFixed(1).padStart(10)} ${r.means[1].toFixed(1).padStart(10)} ${r.tMean.toFixed(2).padStart(8)} ${r.tMedian.toFixed(2).padStart(8)} ${r.resolution.toFixed(1).padStart(9)}  ${verdict}`);
  }
}
process.exit(failed ? 1 : 0);
