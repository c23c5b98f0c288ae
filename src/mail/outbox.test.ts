import { describe, expect, it } from 'vitest';
import { attemptOutcome } from './outbox.js';

describe('what one attempt at an e-mail comes to', () => {
  const firstTry = { retryCount: 0, retryLimit: 10 };

  it('a message the server took is sent, over SMTP', () => {
    expect(attemptOutcome({ outcome: 'sent', response: '250 OK' }, firstTry)).toEqual({ status: 'sent', transport: 'smtp' });
  });

  it('a 5xx fails the e-mail at once and bounces the address, whatever retries are left', () => {
    expect(attemptOutcome({ outcome: 'permanent', reason: '550 5.1.1 No such mailbox here' }, firstTry)).toEqual({
      status: 'failed',
      transport: 'smtp',
      error: '550 5.1.1 No such mailbox here',
      bounced: true,
    });
  });

  it('a "try again later" keeps it queued while the job has retries left, with the server’s words', () => {
    expect(attemptOutcome({ outcome: 'temporary', reason: '421 Try again later' }, { retryCount: 9, retryLimit: 10 })).toEqual({ status: 'queued', error: '421 Try again later' });
  });

  it('the last retry’s "try again later" gives up, saying how many attempts there were, without calling the address bouncing', () => {
    expect(attemptOutcome({ outcome: 'temporary', reason: '421 Try again later' }, { retryCount: 10, retryLimit: 10 })).toEqual({
      status: 'failed',
      transport: 'smtp',
      error: 'Gave up after 11 attempts: 421 Try again later',
      bounced: false,
    });
  });
});
