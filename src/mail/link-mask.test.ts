import { describe, expect, it } from 'vitest';
import { hideLinkTokens } from './link-mask.js';

describe('the staff copy of a client e-mail', () => {
  it('hides the token of every link that acts as the client, in text and in HTML', () => {
    const text = 'Confirm: https://clinic.example/booking/confirm?token=Abc-123_xyz\nSign in: https://clinic.example/api/auth/magic-link/verify?token=Q%2Fw%3D';
    expect(hideLinkTokens(text)).toBe('Confirm: https://clinic.example/booking/confirm?token=hidden\nSign in: https://clinic.example/api/auth/magic-link/verify?token=hidden');
    const html = '<a href="https://clinic.example/booking/rebook?slot=2&amp;token=s3cr3t">10:00</a>';
    expect(hideLinkTokens(html)).toBe('<a href="https://clinic.example/booking/rebook?slot=2&amp;token=hidden">10:00</a>');
  });

  it('leaves everything else as the client read it', () => {
    const text = 'Your appointment is on 7 December at 10:00. Questions? Reply or call +380 44 000 0000. https://clinic.example/portal?tab=bookings';
    expect(hideLinkTokens(text)).toBe(text);
  });
});
