#!/usr/bin/env node
// The demo's Node receiver: an HTTP server on 127.0.0.1 verifying every delivery the Rust demo
// sender signed, each POSTed to it over real HTTP with the exact headers (repeats kept).
//
//     node demo/node-receiver.mjs target/demo/deliveries.json
//
// The file is {"deliveries": [{"scheme", "secret", "body_base64", "headers": [[name, value], ...],
// "now", "tampered"}, ...]}. The server is configured with each delivery's scheme and secret (route
// /hooks/<n>) and its `now` (the sender's clock, so the demo does not depend on when it runs). One
// line per delivery; exit status 1 if a genuine delivery is rejected or a tampered one accepted.
import { createServer, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { Webhook, WebhookError } from '../npm/dist/node.mjs';

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
export function toScheme(s) {
  if (typeof s !== 'object' || s === null) return s ?? 'standard';
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === null) continue;
    if (k === 'layout') out.layout = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([lk, lv]) => [camel(lk), lv]));
    else out[camel(k)] = v;
  }
  return out;
}
const schemeName = (s) => (typeof s === 'object' && s ? s.name : String(s ?? 'standard'));

const path = process.argv[2] ?? 'target/demo/deliveries.json';
let deliveries;
try {
  deliveries = JSON.parse(readFileSync(path, 'utf8')).deliveries;
} catch (e) {
  console.error(`node receiver: cannot read ${path}: ${e.message}`);
  process.exit(2);
}

// The receiving endpoint: the raw body, Node's headers (headersDistinct keeps repeated ones apart).
const server = createServer((req, res) => {
  const config = deliveries[Number(req.url.split('/').at(-1))];
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let status = 200;
    let answer;
    try {
      const hook = new Webhook(config.secret, { scheme: toScheme(config.scheme) });
      const v = hook.verifySignature(Buffer.concat(chunks), req.headersDistinct, { now: config.now });
      answer = { accepted: true, keyIndex: v.keyIndex, id: v.id };
    } catch (e) {
      status = e instanceof WebhookError ? 401 : 500;
      answer = { accepted: false, code: e.code ?? String(e) };
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();

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
console.log(`node receiver: http://127.0.0.1:${port}/hooks/<n>, ${deliveries.length} deliveries from ${path}`);
for (const [i, d] of deliveries.entries()) {
  const answer = await post(i, d);
  const label = `${String(i + 1).padStart(3)} ${schemeName(d.scheme).padEnd(12)} ${(d.tampered ? 'tampered' : 'genuine').padEnd(8)}`;
  const ok = answer.accepted === !d.tampered;
  wrong += ok ? 0 : 1;
  const detail = answer.accepted ? `key ${answer.keyIndex}${answer.id ? ` (${answer.id})` : ''}` : answer.code;
  const verdict = ok ? 'ok' : answer.accepted ? 'WRONG: a tampered delivery was accepted' : 'WRONG: a genuine delivery was rejected';
  console.log(`${label} ${answer.accepted ? 'accepted' : 'rejected'} ${detail.padEnd(24)} ${verdict}`);
}
server.close();
console.log(wrong ? `node receiver: ${wrong} wrong` : `node receiver: all ${deliveries.length} deliveries judged correctly`);
process.exit(wrong ? 1 : 0);
