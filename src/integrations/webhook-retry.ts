/**
 * How long a failing webhook keeps being retried. pg-boss 10 (src/plans.js, failJobs) waits,
 * after the failure of run n (n = 0 for the first), `delay · 2^min(16, n+1) / 2 · (1 + random())`
 * seconds: between delay·2^n and twice that, with the doubling capped at 2^15. The retry limit
 * is chosen so that even the shortest waits add up to three days: a receiver that is down for a
 * long weekend still gets every event.
 */

export const WEBHOOK_RETRY_SPAN_SECONDS = 3 * 24 * 3600;

/** The shortest and longest wait after the failure of run `n` (0-based). */
export function waitAfterFailure(baseSeconds: number, n: number): { shortest: number; longest: number } {
  const shortest = (baseSeconds * 2 ** Math.min(16, n + 1)) / 2;
  return { shortest, longest: shortest * 2 };
}

/** From the first attempt to the last one, at the least and at the most, for `retryLimit` retries. */
export function retrySpan(baseSeconds: number, retryLimit: number): { shortest: number; longest: number } {
  let shortest = 0;
  let longest = 0;
  for (let n = 0; n < retryLimit; n += 1) {
    const wait = waitAfterFailure(baseSeconds, n);
    shortest += wait.shortest;
    longest += wait.longest;
  }
  return { shortest, longest };
}

/** The queue policy for deliveries: the first retry after `baseSeconds`, retries spanning at least three days. */
export function webhookRetryPolicy(baseSeconds: number): { retryDelaySeconds: number; retryLimit: number } {
  let retryLimit = 0;
  while (retrySpan(baseSeconds, retryLimit).shortest < WEBHOOK_RETRY_SPAN_SECONDS) retryLimit += 1;
  return { retryDelaySeconds: baseSeconds, retryLimit };
}
