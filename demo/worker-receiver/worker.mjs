// The demo's Cloudflare Worker: POST /hooks/<n> verifies delivery n of the demo sender's file
// (bundled in as deliveries.json: the route's configured scheme, secret and clock) against the
// request's own Fetch Headers and raw body.
import { Webhook, WebhookError } from 'hooksig';
import config from './deliveries.json' with { type: 'json' };

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
function toScheme(s) {
  if (typeof s !== 'object' || s === null) return s ?? 'standard';
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === null) continue;
    if (k === 'layout') out.layout = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([lk, lv]) => [camel(lk), lv]));
    else out[camel(k)] = v;
  }
  return out;
}

export default {
  async fetch(request) {
    const d = config.deliveries[Number(new URL(request.url).pathname.split('/').at(-1))];
    if (request.method !== 'POST' || !d) return new Response('not found', { status: 404 });
    const body = new Uint8Array(await request.arrayBuffer());
    try {
      const hook = new Webhook(d.secret, { scheme: toScheme(d.scheme) });
      const v = hook.verifySignature(body, request.headers, { now: d.now });
      return Response.json({ accepted: true, keyIndex: v.keyIndex, id: v.id });
    } catch (e) {
      return Response.json({ accepted: false, code: e instanceof WebhookError ? e.code : String(e) }, { status: 401 });
    }
  },
};
