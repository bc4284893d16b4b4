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
import { createServer } from 'node:http';
import { Webhook, WebhookError } from '../npm/dist/node.mjs';
import { judgeAll, readDeliveries } from './client.mjs';
import { toScheme } from './scheme.mjs';

const path = process.argv[2] ?? 'target/demo/deliveries.json';
const deliveries = readDeliveries(path, 'node receiver');

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

console.log(`node receiver: http://127.0.0.1:${port}/hooks/<n>, ${deliveries.length} deliveries from ${path}`);
const wrong = await judgeAll('node receiver', port, deliveries);
server.close();
process.exit(wrong ? 1 : 0);
