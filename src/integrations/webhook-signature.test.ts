import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook } from './webhook-signature.js';

describe('signing a webhook the Standard Webhooks way', () => {
  const body = JSON.stringify({ id: 'evt_0123456789abcdef0123456789abcdef', type: 'booking.created', data: { note: 'Привіт, ünïcode' } });

  it('gives a secret of 32 random bytes behind whsec_, different every time', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs "{id}.{timestamp}.{body}" with the decoded key, as computed here by hand', () => {
    const key = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    const secret = `whsec_${key.toString('base64')}`;
    const headers = signWebhook({ id: 'evt_1', timestamp: 1_700_000_000, body, secret });
    const expected = createHmac('sha256', key).update(`evt_1.1700000000.${body}`).digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'evt_1', 'webhook-timestamp': '1700000000', 'webhook-signature': `v1,${expected}` });
  });

  it('is accepted by the reference implementation (the standardwebhooks package) and refused once the body changes', () => {
    const secret = newWebhookSecret();
    // The reference checks the timestamp against its own clock (5 minutes' tolerance), so sign with the machine's.
    const headers = signWebhook({ id: 'evt_2', timestamp: Math.floor(Date.now() / 1000), body, secret });
    const receiver = new Webhook(secret);
    expect(receiver.verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => receiver.verify(body.replace('booking.created', 'booking.cancelled'), { ...headers })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it('refuses a secret without the whsec_ prefix rather than signing with the wrong key', () => {
    expect(() => signWebhook({ id: 'evt_3', timestamp: 1, body, secret: 'c2VjcmV0' })).toThrow(/whsec_/);
  });
});
