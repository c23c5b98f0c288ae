// The shapes of the webhook routes as the console reads them (see src/integrations/webhook-schemas.ts).
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { api } from '../../shared/api';

export type DeliveryState = 'queued' | 'delivered' | 'failed' | 'gone';

export interface Subscription {
  id: string;
  event: string;
  targetUrl: string;
  origin: 'console' | 'rest_hook';
  createdBy: { type: 'staff' | 'api_key'; id: string; name: string } | null;
  createdAt: string;
  removedAt: string | null;
  removedReason: 'removed_by_staff' | 'unsubscribed' | 'gone' | null;
  deliveries: Record<DeliveryState, number>;
}

export interface DeliveryAttempt {
  at: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  response: string | null;
  outcome: 'delivered' | 'failed' | 'gone';
}

export interface Delivery {
  id: string;
  eventId: string;
  event: string;
  state: DeliveryState;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  attempts: DeliveryAttempt[];
}

export interface EventType {
  type: string;
  description: string;
  version: number;
}

export const WEBHOOKS_KEY = ['admin', 'webhooks'] as const;

export function useEventTypes(): UseQueryResult<EventType[]> {
  return useQuery({ queryKey: ['admin', 'event-types'], queryFn: async () => (await api.get<{ items: EventType[] }>('/api/v1/event-types')).items, staleTime: Infinity });
}
