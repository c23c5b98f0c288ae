// Where the portal sends someone who is not signed in, and how it brings them back afterwards.
import type { ReactNode } from 'react';
import { Navigate, useLocation, type Location } from 'react-router';
import { ApiError } from '../shared/api';
import { ErrorState } from '../shared/states';

const NEXT_KEY = 'clinicflow.portal.next';
const NEXT_TTL_MS = 60 * 60_000;

export function isSignedOut(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** Only a page of the portal itself may be a destination: never another site, never the sign-in page. */
export function safeNext(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/portal') || raw.startsWith('/portal/sign-in') || raw.includes('\\') || raw.includes('//')) return '/portal';
  return raw;
}

/**
 * The sign-in page's address for someone who wanted `location`. An e-mail change outcome
 * (`?email=changed`, from the confirmation link) moves to the sign-in page, which shows it.
 */
export function signInPath(location: Pick<Location, 'pathname' | 'search'>): string {
  const params = new URLSearchParams(location.search);
  const email = params.get('email');
  params.delete('email');
  const rest = params.toString();
  const wanted = `${location.pathname}${rest ? `?${rest}` : ''}`;
  const target = new URLSearchParams();
  if (email) target.set('email', email);
  if (wanted !== '/portal' && wanted !== '/portal/') target.set('next', wanted);
  const text = target.toString();
  return `/portal/sign-in${text ? `?${text}` : ''}`;
}

/**
 * The sign-in link in the e-mail always lands on /portal, often in another tab, so the page they
 * wanted is kept for an hour in this browser and taken up on arrival.
 */
export function rememberNext(next: string): void {
  if (next === '/portal') localStorage.removeItem(NEXT_KEY);
  else localStorage.setItem(NEXT_KEY, JSON.stringify({ next, at: Date.now() }));
}

export function takeRememberedNext(): string | null {
  const raw = localStorage.getItem(NEXT_KEY);
  if (!raw) return null;
  localStorage.removeItem(NEXT_KEY);
  try {
    const { next, at } = JSON.parse(raw) as { next?: string; at?: number };
    if (typeof at !== 'number' || Date.now() - at > NEXT_TTL_MS) return null;
    const safe = safeNext(next);
    return safe === '/portal' ? null : safe;
  } catch {
    return null;
  }
}

export function SignInRedirect(): ReactNode {
  const location = useLocation();
  return <Navigate to={signInPath(location)} replace />;
}

/** An error state that sends a signed-out visitor to the sign-in page instead of scolding them. */
export function PortalError({ error, onRetry }: { error: unknown; onRetry?: () => void }): ReactNode {
  if (isSignedOut(error)) return <SignInRedirect />;
  return <ErrorState error={error} {...(onRetry ? { onRetry } : {})} />;
}
