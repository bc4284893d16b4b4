// What the Node and Worker receivers share: reading the demo sender's file, POSTing each delivery
// over real HTTP with its exact headers, and judging the answers. Node only.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { schemeName } from './scheme.mjs';

export function readDeliveries(path, who) {
  try {
    return JSON.parse(readFileSync(path, 'utf8')).deliveries;
  } catch (e) {
    console.error(`${who}: cannot read ${path}: ${e.message}`);
    process.exit(2);
  }
}

function post(port, n, d) {
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

/** POSTs every delivery to /hooks/<n>, prints one line each and a summary; returns how many were misjudged. */
export async function judgeAll(who, port, deliveries) {
  let wrong = 0;
  for (const [i, d] of deliveries.entries()) {
    const answer = await post(port, i, d);
    const label = `${String(i + 1).padStart(3)} ${schemeName(d.scheme).padEnd(12)} ${(d.tampered ? 'tampered' : 'genuine').padEnd(8)}`;
    const ok = answer.accepted === !d.tampered;
    wrong += ok ? 0 : 1;
    const detail = answer.accepted ? `key ${answer.keyIndex}${answer.id ? ` (${answer.id})` : ''}` : answer.code;
    const verdict = ok ? 'ok' : answer.accepted ? 'WRONG: a tampered delivery was accepted' : 'WRONG: a genuine delivery was rejected';
    console.log(`${label} ${answer.accepted ? 'accepted' : 'rejected'} ${detail.padEnd(24)} ${verdict}`);
  }
  console.log(wrong ? `${who}: ${wrong} wrong` : `${who}: all ${deliveries.length} deliveries judged correctly`);
  return wrong;
}
