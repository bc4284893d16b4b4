// dudect-style timing test of the npm package's verification (the core compiled to wasm, run by Node):
// the same classes as ct/native, measured through the documented API
// `new Webhook(secret).verifySignature(payload, headers, { now })`.
//
// Usage: node ct/wasm/ct.mjs [entry ...]   (default: npm/dist/node.mjs and npm/dist/browser.mjs)
//   node.mjs    the Node entry (wasm core; bodies over 1 KiB go to node:crypto's HMAC);
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
const CROPS = [0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

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
const welch = (a, b) => {
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  return se === 0 ? 0 : (a.mean - b.mean) / se;
};

function run(name, control, measure) {
  for (let i = 0; i < 20000; i++) measure(i & 1); // warm-up: JIT and wasm tiers settle
  const first = Array.from({ length: 20000 }, (_, i) => measure(i & 1)).sort((a, b) => a - b);
  const limits = CROPS.map((p) => first[Math.min(first.length - 1, Math.floor(first.length * p))]);
  const raw = [new Moments(), new Moments()];
  const cropped = limits.map(() => [new Moments(), new Moments()]);
  const counts = [0, 0];
  while (counts[0] < N || counts[1] < N) {
    const bits = next();
    for (let k = 0n; k < 64n; k++) {
      const c = Number((bits >> k) & 1n);
      const x = measure(c);
      counts[c]++;
      raw[c].push(x);
      for (let j = 0; j < limits.length; j++) if (x < limits[j]) cropped[j][c].push(x);
    }
  }
  const tRaw = welch(raw[0], raw[1]);
  let tMax = tRaw;
  for (const [a, b] of cropped) {
    if (a.n > 1000 && b.n > 1000) { const t = welch(a, b); if (Math.abs(t) > Math.abs(tMax)) tMax = t; }
  }
  // The smallest mean difference this sample could have detected at |t| = 4.5, after the p90 crop
  // (index 2; the long tail of GC pauses and interrupts would otherwise dominate the variance).
  const [p0, p1] = cropped[2][0].n > 1000 && cropped[2][1].n > 1000 ? cropped[2] : raw;
  const resolution = 4.5 * Math.sqrt(p0.variance / p0.n + p1.variance / p1.n);
  return { name, control, counts, means: [raw[0].mean, raw[1].mean], tRaw, tMax, resolution };
}

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const alnum = (s) => /^[A-Za-z0-9=]*$/.test(s);
const tagOf = (body) => createHmac('sha256', KEY).update(`${ID}.${NOW}.`).update(body).digest();
const flipped = (tag, at) => { const t = Buffer.from(tag); t[at] ^= 1; return t; };

async function measureEntry(entry) {
  const { Webhook } = await import(pathToFileURL(entry).href);
  const hook = new Webhook(SECRET);
  // As natively: every signature text is letters and digits only, so the public alphabet scans
  // run the same for both classes, which then differ only in how they relate to the secret tag.
  let body, tag;
  for (let nonce = 0; ; nonce++) {
    body = `{"type":"invoice.paid","data":{"id":"in_1","amount":4200},"nonce":${String(nonce).padStart(6, '0')}}`;
    tag = tagOf(body);
    if ([tag, flipped(tag, 0), flipped(tag, 31), tag.subarray(0, 31)].every((t) => alnum(b64(t)))) break;
  }
  let random;
  do { random = Buffer.from(Array.from({ length: 32 }, () => Number(next() & 0xffn))); }
  while (!(alnum(b64(random)) && alnum(b64(random.subarray(0, 31)))));
  const headers = { 'webhook-id': ID, 'webhook-timestamp': String(NOW), 'webhook-signature': `v1,${b64(tag)}` };
  const ok = hook.verifySignature(body, headers, { now: NOW });
  if (ok.keyIndex !== 0) throw new Error('the true signature must verify');

  const verifyTest = (name, control, a, b) => {
    const classes = [a, b];
    for (const s of classes) {
      headers['webhook-signature'] = s;
      let rejected = false;
      try { hook.verifySignature(body, headers, { now: NOW }); } catch (e) { rejected = e.code !== undefined; }
      if (!rejected) throw new Error(`${name}: both classes must be rejected with a coded error`);
    }
    // Each class cycles through 64 separately built, flat copies of its string, so no property of
    // one particular string object (heap placement, cached flags) can stand in for the class.
    const copies = classes.map((s) => Array.from({ length: 64 }, (_, i) => [...`${i}${s}`].slice(String(i).length).join('')));
    const next = [0, 0];
    const opts = { now: NOW };
    return run(name, control, (c) => {
      headers['webhook-signature'] = copies[c][next[c]++ & 63];
      const t0 = process.hrtime.bigint();
      try { hook.verifySignature(body, headers, opts); } catch { /* rejected, as both classes are */ }
      return Number(process.hrtime.bigint() - t0);
    });
  };
  return [
    verifyTest('verifySignature: first- vs last-byte mismatch', false, `v1,${b64(flipped(tag, 0))}`, `v1,${b64(flipped(tag, 31))}`),
    verifyTest('verifySignature: wrong length, true-prefix vs random', false, `v1,${b64(tag.subarray(0, 31))}`, `v1,${b64(random.subarray(0, 31))}`),
    verifyTest('verifySignature: wrong version, true tag vs random', false, `v2,${b64(tag)}`, `v2,${b64(random)}`),
    verifyTest('control: wrong length vs right length', true, `v1,${b64(random.subarray(0, 31))}`, `v1,${b64(random)}`),
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
  console.log(`ct wasm (${entry.replace(ROOT + '/', '')}, Node ${process.version}): Welch's t, dudect-style; |t| < 4.5 no leak detected, > 10 leak (${N} measurements per class minimum, ns; resol.: smallest mean difference detectable at |t| = 4.5 after the p90 crop)`);
  console.log(`${'test'.padEnd(56)} ${'n class A'.padStart(10)} ${'n class B'.padStart(10)} ${'mean A ns'.padStart(10)} ${'mean B ns'.padStart(10)} ${'t raw'.padStart(8)} ${'max |t|'.padStart(8)} ${'resol. ns'.padStart(9)}  verdict`);
  for (const r of rows) {
    const t = Math.abs(r.tMax);
    let verdict;
    if (r.control) verdict = t >= 10 ? 'detected (as expected)' : 'NOT detected: harness not sensitive enough here';
    else if (t < 4.5) verdict = 'no leak detected';
    else if (t < 10) verdict = 'inconclusive (4.5 <= |t| < 10)';
    else { verdict = 'LEAK'; failed = true; }
    console.log(`${r.name.padEnd(56)} ${String(r.counts[0]).padStart(10)} ${String(r.counts[1]).padStart(10)} ${r.means[0].toFixed(1).padStart(10)} ${r.means[1].toFixed(1).padStart(10)} ${r.tRaw.toFixed(2).padStart(8)} ${t.toFixed(2).padStart(8)} ${r.resolution.toFixed(1).padStart(9)}  ${verdict}`);
  }
}
process.exit(failed ? 1 : 0);
