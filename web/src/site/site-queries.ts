// The public site's reads, one hook each, so every page shares the cache (the clinic is fetched once per visit).
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { api, query } from '../shared/api';
import type { Clinic, Review, SlotsAnswer, Specialist } from '../shared/types';

export const siteKeys = {
  clinic: ['site', 'clinic'] as const,
  reviews: ['site', 'reviews'] as const,
  specialists: ['site', 'specialists'] as const,
  specialist: (id: string) => ['site', 'specialist', id] as const,
  /** Every slot query of a specialist starts with this, so one invalidation refreshes them all. */
  slotsOf: (id: string) => ['site', 'slots', id] as const,
  slots: (id: string, from: string, to: string) => ['site', 'slots', id, from, to] as const,
};

export function useClinic(): UseQueryResult<Clinic> {
  return useQuery({ queryKey: siteKeys.clinic, queryFn: () => api.get<Clinic>('/api/clinic'), staleTime: 5 * 60_000 });
}

export function useReviews(): UseQueryResult<Review[]> {
  return useQuery({
    queryKey: siteKeys.reviews,
    queryFn: async () => (await api.get<{ items: Review[] }>('/api/reviews?limit=200')).items,
    staleTime: 5 * 60_000,
  });
}

export function useSpecialists(): UseQueryResult<Specialist[]> {
  return useQuery({
    queryKey: siteKeys.specialists,
    queryFn: async () => (await api.get<{ items: Specialist[] }>('/api/specialists')).items,
    staleTime: 5 * 60_000,
  });
}

export function useSpecialist(id: string | null): UseQueryResult<Specialist> {
  return useQuery({
    queryKey: siteKeys.specialist(id ?? ''),
    queryFn: () => api.get<Specialist>(`/api/specialists/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

/** Free slots in an inclusive range of clinic dates (the server takes at most 31 days). */
export function useSlots(specialistId: string | null, range: { from: string; to: string } | null): UseQueryResult<SlotsAnswer> {
  return useQuery({
    queryKey: siteKeys.slots(specialistId ?? '', range?.from ?? '', range?.to ?? ''),
    queryFn: () => api.get<SlotsAnswer>(`/api/specialists/${encodeURIComponent(specialistId ?? '')}/slots${query({ from: range?.from, to: range?.to })}`),
    enabled: Boolean(specialistId && range),
    // Free time changes as others book: keep it fresh.
    staleTime: 15_000,
  });
}
