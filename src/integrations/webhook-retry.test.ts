import { describe, expect, it } from 'vitest';
import { retrySpan, waitAfterFailure, webhookRetryPolicy, WEBHOOK_RETRY_SPAN_SECONDS } from './webhook-retry.js';

const DAY = 24 * 3600;

describe('how long a failing webhook is retried', () => {
  it('waits about WEBHOOK_RETRY_BASE_SECONDS before the first retry, then about twice as long each time', () => {
    expect(waitAfterFailure(30, 0)).toEqual({ shortest: 30, longest: 60 });
    expect(waitAfterFailure(30, 1)).toEqual({ shortest: 60, longest: 120 });
    expect(waitAfterFailure(30, 5)).toEqual({ shortest: 960, longest: 1920 });
  });

  it('with the default 30 seconds, retries 14 times: from 5.7 to 11.4 days, never under three', () => {
    const policy = webhookRetryPolicy(30);
    expect(policy).toEqual({ retryDelaySeconds: 30, retryLimit: 14 });
    const span = retrySpan(30, policy.retryLimit);
    expect(span.shortest).toBeGreaterThanOrEqual(3 * DAY);
    expect(span.shortest / DAY).toBeCloseTo(5.69, 2);
    expect(span.longest / DAY).toBeCloseTo(11.38, 2);
    // One retry fewer could end before three days.
    expect(retrySpan(30, policy.retryLimit - 1).shortest).toBeLessThan(3 * DAY);
  });

  it.each([1, 5, 60, 600, 3600])('picks the fewest retries that still span three days for a first retry after %i s', (base) => {
    const { retryLimit } = webhookRetryPolicy(base);
    expect(retrySpan(base, retryLimit).shortest).toBeGreaterThanOrEqual(WEBHOOK_RETRY_SPAN_SECONDS);
    expect(retrySpan(base, retryLimit - 1).shortest).toBeLessThan(WEBHOOK_RETRY_SPAN_SECONDS);
    // pg-boss keeps a job 14 days from its start: the last retry comes well before that.
    expect(retrySpan(base, retryLimit).longest).toBeLessThan(14 * DAY);
  });

  it('knows that pg-boss stops doubling at 2^15, so a 1-second base needs more retries, not longer ones', () => {
    expect(waitAfterFailure(1, 15)).toEqual(waitAfterFailure(1, 20));
    expect(webhookRetryPolicy(1).retryLimit).toBe(22);
  });
});
