// The clinic's name and time zone, loaded once for the whole console: every time on every
// screen is shown and asked for in this zone.
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { api } from '../../shared/api';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Clinic } from '../../shared/types';

interface ClinicBasics {
  name: string;
  timezone: string;
  openingHours: Clinic['openingHours'];
}

const ClinicContext = createContext<ClinicBasics | null>(null);

export function ClinicZoneProvider({ children }: { children: ReactNode }): ReactNode {
  const query = useQuery({ queryKey: ['admin', 'clinic-public'], queryFn: () => api.get<Clinic>('/api/clinic'), staleTime: 10 * 60_000 });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { name, timezone, openingHours } = query.data;
  return <ClinicContext.Provider value={{ name, timezone, openingHours }}>{children}</ClinicContext.Provider>;
}

export function useClinicBasics(): ClinicBasics {
  const clinic = useContext(ClinicContext);
  if (!clinic) throw new Error('useClinicBasics outside ClinicZoneProvider');
  return clinic;
}

/** The clinic's IANA time zone, e.g. Europe/Kyiv. */
export function useZone(): string {
  return useClinicBasics().timezone;
}
