// Who is signed in, and what happens when the server says nobody is: every 401 from any query or
// action sends the receptionist to the sign-in page, and back to the same screen afterwards.
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, ApiError } from '../../shared/api';
import type { StaffMe } from '../../shared/types';

export const ME_KEY = ['admin', 'me'] as const;
export const SIGN_IN_PATH = '/admin/sign-in';

export function useMeQuery(): UseQueryResult<StaffMe> {
  return useQuery({ queryKey: ME_KEY, queryFn: () => api.get<StaffMe>('/api/auth/me'), retry: false, staleTime: 5 * 60_000 });
}

const StaffContext = createContext<StaffMe | null>(null);

export function StaffProvider({ me, children }: { me: StaffMe; children: ReactNode }): ReactNode {
  return <StaffContext.Provider value={me}>{children}</StaffContext.Provider>;
}

/** The signed-in staff member; only inside the signed-in part of the console. */
export function useStaff(): StaffMe {
  const me = useContext(StaffContext);
  if (!me) throw new Error('useStaff outside the signed-in console');
  return me;
}

export function useIsAdmin(): boolean {
  return useStaff().role === 'admin';
}

/** Where to come back to after signing in: only a console page, never another site. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/admin') || next.startsWith('//') || next.startsWith(SIGN_IN_PATH)) return '/admin';
  return next;
}

export function signInPathFor(location: { pathname: string; search: string }): string {
  const here = `${location.pathname}${location.search}`;
  return here === '/admin' || here === '/admin/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(here)}`;
}

const isUnauthorized = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

/** Watches every query and action: a lost session goes to sign-in, remembering where the user was. */
export function useLostSessionRedirect(): void {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    const lost = (): void => {
      if (location.pathname.startsWith(SIGN_IN_PATH)) return;
      client.removeQueries({ queryKey: ME_KEY });
      void navigate(signInPathFor(location), { replace: true });
    };
    const unsubscribeQueries = client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isUnauthorized(event.action.error) && event.query.queryKey[0] === 'admin') lost();
    });
    const unsubscribeMutations = client.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isUnauthorized(event.action.error) && !event.mutation.meta?.signIn) lost();
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [client, navigate, location]);
}
