// `make bench` → bench-npm: which wasm functions a cold start compiles, and what each costs.
//
// V8 compiles wasm lazily, one function on its first call, with its baseline compiler (Liftoff); a
// fresh process's `new Webhook(secret)` and first `verify` therefore compile every function they
// reach, and that compile time, not running them, is most of what they cost (npm/README.md, cold
// start). This prints, for the Node build (dist/hooksig_node.wasm, rebuilt with its names), the
// functions the constructor and a first Standard Webhooks verify reach, their sizes, and each one's
// Liftoff compile time: the list to shorten.
//
//   node bench/cold-path.mjs NAMED.wasm   (mk/npm.mk builds it: target/wasm/hooksig_node.named.wasm)
//
// How: the reached set comes from a copy of the module in which every function first sets its own
// byte in wasm memory (below 1 KiB: the far end of Rust's 1 MiB stack, never reached); the compile
// time of one function is that of a module holding only its body (the others `unreachable`) less
// that of a module holding none, compiled eagerly on one thread, fastest of ROUNDS.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, uleb } from './wasm-module.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARKS = 256;
const ROUNDS = Number(process.env.COLD_ROUNDS || 15);

const encodeUleb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const encodeSleb = (n) => {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};

/** The module with its code section's bodies replaced. */
function withBodies(bytes, { sections }, bodies) {
  const code = [...encodeUleb(bodies.length), ...bodies.flatMap((b) => [...encodeUleb(b.length), ...b])];
  const out = [...bytes.subarray(0, 8)];
  for (const s of sections) {
    const body = s.id === 10 ? code : [...s.body];
    out.push(s.id, ...encodeUleb(body.length), ...body);
  }
  return Uint8Array.from(out);
}

/** A body that first stores 1 at byte MARKS + index (after its local declarations). */
function marked(body, index) {
  let [groups, at] = uleb(body, 0);
  while (groups--) at = uleb(body, at)[1] + 1;
  return [...body.subarray(0, at), 0x41, ...encodeSleb(MARKS + index), 0x41, 1, 0x3a, 0, 0, ...body.subarray(at)];
}

/** Which bodies the constructor and a first verify reach, through the exports as the facade calls them. */
async function reached(bytes, module) {
  const glue = await import(pathToFileURL(join(root, 'pkg-node/hooksig.js')).href);
  const instrumented = withBodies(bytes, module, module.bodies.map(marked));
  const exports = glue.initSync({ module: new WebAssembly.Module(instrumented) });
  const mem = () => new Uint8Array(exports.memory.buffer);
  const marks = () => mem().subarray(MARKS, MARKS + module.bodies.length);
  const taken = () => {
    const hit = [...marks()].flatMap((v, i) => (v ? [i] : []));
    marks().fill(0);
    return hit;
  };
  // What the facade does at import (src/api.ts _init).
  const report = exports.report() >>> 0;
  exports.set_host_threshold(384);
  const output = () => {
    const u32 = new Uint32Array(exports.memory.buffer);
    const at = u32[(report + 8) >>> 2];
    return new TextDecoder().decode(mem().subarray(at, at + u32[(report + 12) >>> 2]));
  };
  taken();
  const secret = new TextEncoder().encode('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const scheme = new TextEncoder().encode('standard');
  let at = exports.input_buffer(16 + scheme.length + secret.length) >>> 0;
  const meta = new DataView(exports.memory.buffer, at, 16);
  meta.setUint32(0, secret.length, true);
  meta.setUint32(4, 0, true);
  meta.setFloat64(8, NaN, true);
  mem().set(scheme, at + 16);
  mem().set(secret, at + 16 + scheme.length);
  // hook_new returns the handle (bits 0-29) and the primary header count; its output is the header names.
  const hook = (exports.hook_new(scheme.length, 0, secret.length, 1, 300) >>> 0) & 0x3fffffff;
  if (hook === 0) throw new Error(`cold-path: the constructor failed: ${output()}`);
  const names = output().split('\0');
  const ctor = taken();
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const ts = 1614265330;
  const body = new TextEncoder().encode('{"test": 2432232314}');
  const tag = createHmac('sha256', Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64')).update(`${id}.${ts}.`).update(body).digest('base64');
  const values = { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': `v1,${tag}` };
  const packed = new TextEncoder().encode(names.map((n, i) => (values[n] ? `${String.fromCharCode(48 + i)}${values[n]}\0` : '')).join(''));
  at = exports.input_buffer(packed.length + body.length) >>> 0;
  mem().set(packed, at);
  mem().set(body, at + packed.length);
  const status = exports.hook_verify(hook, packed.length, body.length, ts) >>> 0;
  if ((status & 0xff) !== 0) throw new Error(`cold-path: the delivery did not verify (status ${status & 0xff}: ${output()})`);
  return { ctor, verify: taken().filter((i) => !ctor.includes(i)) };
}

/** Child process (eager, single-threaded compilation): µs to compile each listed body alone. */
function costs(path, indices) {
  const out = execFileSync(
    process.execPath,
    ['--no-wasm-lazy-compilation', '--single-threaded', '--no-wasm-tier-up', fileURLToPath(import.meta.url), '--costs', path, indices.join(',')],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return new Map(JSON.parse(out));
}

function measureCosts(path, indices) {
  const bytes = readFileSync(path);
  const module = parse(bytes);
  const stub = [0, 0, 0x0b]; // no locals, `unreachable`, end: valid for every signature
  const only = (keep) => withBodies(bytes, module, module.bodies.map((b, i) => (i === keep ? b : stub)));
  const variants = [['none', only(-1)], ...indices.map((i) => [i, only(i)])];
  let unique = 0;
  const best = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, wasm] of variants) {
      // A custom section unique to each compile: V8 would otherwise reuse the compiled module.
      const name = [...new TextEncoder().encode(`u${unique++}`.padEnd(12))];
      const tagged = Uint8Array.from([...wasm, 0, 2 + name.length, 1, 0x78, ...name]);
      const start = performance.now();
      new WebAssembly.Module(tagged);
      best.set(key, Math.min(best.get(key) ?? Infinity, performance.now() - start));
    }
  }
  const none = best.get('none');
  return indices.map((i) => [i, Math.max(0, (best.get(i) - none) * 1000)]);
}

if (process.argv[2] === '--costs') {
  process.stdout.write(JSON.stringify(measureCosts(process.argv[3], process.argv[4].split(',').map(Number))));
} else {
  const path = process.argv[2];
  if (!path) throw new Error('usage: node bench/cold-path.mjs NAMED.wasm');
  const bytes = readFileSync(path);
  const module = parse(bytes);
  const phases = await reached(bytes, module);
  const cost = costs(path, [...phases.ctor, ...phases.verify]);
  console.log(`\nwasm a cold start compiles (Node build; Liftoff, eager, one thread, fastest of ${ROUNDS}):`);
  for (const [phase, indices] of Object.entries({ 'new Webhook()': phases.ctor, 'first verify': phases.verify })) {
    const rows = indices.map((i) => ({ i, size: module.bodies[i].length, us: cost.get(i) })).sort((a, b) => b.us - a.us);
    const kb = rows.reduce((s, r) => s + r.size, 0) / 1024;
    const us = rows.reduce((s, r) => s + r.us, 0);
    console.log(`  ${phase}: ${rows.length} functions, ${kb.toFixed(1)} KB, ${(us / 1000).toFixed(2)} ms to compile; the largest:`);
    for (const r of rows.slice(0, +(process.env.COLD_TOP || 6))) console.log(`    ${String(Math.round(r.us)).padStart(5)} µs ${String(r.size).padStart(6)} B  ${(module.names.get(r.i) ?? `#${r.i}`).slice(0, 90)}`);
  }
}
