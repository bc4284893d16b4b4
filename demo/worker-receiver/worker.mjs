// The demo's Cloudflare Worker: POST /hooks/<n> verifies delivery n of the demo sender's file
// (bundled in as deliveries.json: the route's configured scheme, secret and clock) against the
// request's own Fetch Headers and raw body.
import { Webhook, WebhookError } from 'hooksig';
import { toScheme } from '@demo/scheme';
import config from './deliveries.json' with { type: 'json' };

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
