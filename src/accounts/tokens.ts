import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret of 256 bits, safe in a URL or a cookie. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a token: a stolen table lets no one in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
