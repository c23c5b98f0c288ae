import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (standardwebhooks.com): a receiver recomputes
 * base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")) with the key that the
 * subscription's secret carries after "whsec_", and compares it with `webhook-signature`.
 */

const PREFIX = 'whsec_';

/** A new subscription secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three headers of one attempt; `timestamp` in unix seconds. */
export function signWebhook(args: { id: string; timestamp: number; body: string; secret: string }): SignedHeaders {
  if (!args.secret.startsWith(PREFIX)) throw new Error('A webhook secret starts with whsec_');
  const key = Buffer.from(args.secret.slice(PREFIX.length), 'base64');
  const signature = createHmac('sha256', key).update(`${args.id}.${args.timestamp}.${args.body}`).digest('base64');
  return { 'webhook-id': args.id, 'webhook-timestamp': String(args.timestamp), 'webhook-signature': `v1,${signature}` };
}
