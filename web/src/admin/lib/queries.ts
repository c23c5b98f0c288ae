// Lists many screens read: the specialists, the staff directory. All console query keys start
// with 'admin', so a 401 from any of them is recognised as a lost session.
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { Specialist } from '../../shared/types';
import { useStaff } from '../auth/session';
import type { StaffAccount } from './admin-types';

export const keys = {
  specialists: ['admin', 'specialists'] as const,
  staff: ['admin', 'staff'] as const,
  bookings: ['admin', 'bookings'] as const,
  booking: (id: string) => ['admin', 'booking', id] as const,
  contacts: ['admin', 'contacts'] as const,
  contact: (id: string) => ['admin', 'contact', id] as const,
  timeline: (id: string) => ['admin', 'timeline', id] as const,
  thread: (id: string) => ['admin', 'thread', id] as const,
  inbox: ['admin', 'inbox'] as const,
  outbox: ['admin', 'outbox'] as const,
};

export function useSpecialists(): UseQueryResult<Specialist[]> {
  return useQuery({
    queryKey: keys.specialists,
    queryFn: async () => (await api.get<{ items: Specialist[] }>('/api/admin/specialists')).items,
  });
}

/** The specialist's name for an id, or a dash while the list loads. */
export function useSpecialistName(): (id: string) => string {
  const { data } = useSpecialists();
  return useCallback((id: string) => data?.find((s) => s.id === id)?.name ?? '—', [data]);
}

/**
 * Names staff ids in words. Administrators can read the staff list; for a manager only their own
 * id has a name, and anyone else is "staff".
 */
export function useStaffName(): (id: string | null) => string {
  const me = useStaff();
  const { t } = useTranslation('admin');
  const { data } = useQuery({
    queryKey: keys.staff,
    queryFn: async () => (await api.get<{ items: StaffAccount[] }>('/api/admin/staff')).items,
    enabled: me.role === 'admin',
  });
  return useCallback(
    (id: string | null) => {
      if (id === me.id) return `${me.name} (${me.email})`;
      const member = data?.find((s) => s.id === id);
      return member ? `${member.name} (${member.email})` : t('actor.staff');
    },
    [data, me, t],
  );
}
