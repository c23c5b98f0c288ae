// Everything the portal asks the server, as react-query hooks. Keys start with 'portal' so
// signing out can forget them all at once.
import { useMutation, useQuery, useQueryClient, type UseMutationResult, type UseQueryResult } from '@tanstack/react-query';
import { api, query } from '../shared/api';
import type { Clinic, ClientBooking, Locale, Page, Profile, SlotsAnswer, Specialist, ThreadMessage } from '../shared/types';

export interface BookingsAnswer {
  upcoming: ClientBooking[];
  past: ClientBooking[];
  items: ClientBooking[];
}

export const portalKeys = {
  all: ['portal'] as const,
  me: ['portal', 'me'] as const,
  bookings: ['portal', 'bookings'] as const,
  messages: ['portal', 'messages'] as const,
};

export function useClinic(): UseQueryResult<Clinic> {
  return useQuery({ queryKey: ['clinic'], queryFn: () => api.get<Clinic>('/api/clinic'), staleTime: 5 * 60_000 });
}

export function useMe(options: { retry?: boolean } = {}): UseQueryResult<Profile> {
  return useQuery({ queryKey: portalKeys.me, queryFn: () => api.get<Profile>('/api/me'), ...(options.retry === false ? { retry: false } : {}) });
}

export function useBookings(): UseQueryResult<BookingsAnswer> {
  return useQuery({ queryKey: portalKeys.bookings, queryFn: () => api.get<BookingsAnswer>('/api/me/bookings') });
}

export function useSpecialist(id: string): UseQueryResult<Specialist> {
  return useQuery({ queryKey: ['specialist', id], queryFn: () => api.get<Specialist>(`/api/specialists/${id}`), staleTime: 5 * 60_000 });
}

/** Free slots of one specialist between two clinic-local dates (at most 31 days apart). */
export function useSlots(specialistId: string, range: { from: string; to: string } | null): UseQueryResult<SlotsAnswer> {
  return useQuery({
    queryKey: ['slots', specialistId, range?.from, range?.to],
    queryFn: () => api.get<SlotsAnswer>(`/api/specialists/${specialistId}/slots${query({ from: range?.from, to: range?.to })}`),
    enabled: range !== null,
    staleTime: 15_000,
  });
}

const MESSAGE_PAGE = 200;
const MAX_MESSAGE_PAGES = 25;

/** The whole thread, oldest first: the server pages it from the oldest, so follow the cursor. */
async function loadThread(): Promise<ThreadMessage[]> {
  const items: ThreadMessage[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_MESSAGE_PAGES; page++) {
    const answer: Page<ThreadMessage> = await api.get<Page<ThreadMessage>>(`/api/me/messages${query({ limit: MESSAGE_PAGE, cursor })}`);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export function useThread(): UseQueryResult<ThreadMessage[]> {
  // The manager's answer should show up without a reload.
  return useQuery({ queryKey: portalKeys.messages, queryFn: loadThread, refetchInterval: 20_000, staleTime: 0 });
}

export function useSendMessage(): UseMutationResult<ThreadMessage, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.post<ThreadMessage>('/api/me/messages', { body }),
    onSuccess: (message) => {
      client.setQueryData<ThreadMessage[]>(portalKeys.messages, (items) => (items && !items.some((m) => m.id === message.id) ? [...items, message] : items));
      void client.invalidateQueries({ queryKey: portalKeys.messages });
    },
  });
}

export function useReschedule(bookingId: string): UseMutationResult<ClientBooking, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (startsAt: string) => api.post<ClientBooking>(`/api/me/bookings/${bookingId}/reschedule`, { startsAt }),
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.bookings }),
  });
}

export function useCancelBooking(bookingId: string): UseMutationResult<ClientBooking, Error, void> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ClientBooking>(`/api/me/bookings/${bookingId}/cancel`),
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.bookings }),
  });
}

export interface ProfileChanges {
  name?: string;
  phone?: string | null;
  locale?: Locale;
}

export function useUpdateProfile(): UseMutationResult<Profile, Error, ProfileChanges> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => api.patch<Profile>('/api/me', changes),
    onSuccess: (profile) => client.setQueryData(portalKeys.me, profile),
  });
}

export function useChangeEmail(): UseMutationResult<{ status: string }, Error, string> {
  return useMutation({ mutationFn: (email: string) => api.post<{ status: string }>('/api/me/email', { email }) });
}

export function useErasureRequest(): UseMutationResult<{ id: string; status: string }, Error, string> {
  return useMutation({ mutationFn: (reason: string) => api.post<{ id: string; status: string }>('/api/me/erasure-request', reason ? { reason } : {}) });
}

export function useRequestSignInLink(): UseMutationResult<{ status: string }, Error, string> {
  return useMutation({ mutationFn: (email: string) => api.post<{ status: string }>('/api/auth/magic-link', { email }) });
}

export function useSignOut(): UseMutationResult<void, Error, void> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSuccess: () => client.removeQueries({ queryKey: portalKeys.all }),
  });
}
