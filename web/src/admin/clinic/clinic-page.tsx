import { Stack, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../shared/api';
import { ErrorState, LoadingState } from '../../shared/states';
import { useIsAdmin } from '../auth/session';
import { PageHeader } from '../layout/page-header';
import type { AdminClinic } from '../lib/admin-types';
import { AwardsPanel } from './awards-panel';
import { ClinicProfile } from './clinic-profile';
import { ReviewsPanel } from './reviews-panel';

function AdminClinicTab({ tab }: { tab: 'profile' | 'awards' }): ReactNode {
  const query = useQuery({ queryKey: ['admin', 'clinic'], queryFn: () => api.get<AdminClinic>('/api/admin/clinic') });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return tab === 'profile' ? <ClinicProfile key={query.data.updatedAt ?? 'new'} clinic={query.data} /> : <AwardsPanel clinic={query.data} />;
}

export function ClinicPage(): ReactNode {
  const { t } = useTranslation('admin');
  const isAdmin = useIsAdmin();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  // Managers moderate reviews; the profile and awards are the administrator's.
  const tab = !isAdmin ? 'reviews' : requested === 'awards' || requested === 'reviews' ? requested : 'profile';
  return (
    <Stack>
      <PageHeader title={t('nav.clinic')} description={isAdmin ? t('clinic.description') : t('clinic.managerNote')} />
      <Tabs value={tab} onChange={(value) => setParams(value && value !== 'profile' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          {isAdmin && <Tabs.Tab value="profile">{t('clinic.profileTab')}</Tabs.Tab>}
          {isAdmin && <Tabs.Tab value="awards">{t('clinic.awards')}</Tabs.Tab>}
          <Tabs.Tab value="reviews">{t('clinic.reviews')}</Tabs.Tab>
        </Tabs.List>
        {isAdmin && (
          <Tabs.Panel value="profile" maw={980}>
            <AdminClinicTab tab="profile" />
          </Tabs.Panel>
        )}
        {isAdmin && (
          <Tabs.Panel value="awards" maw={980}>
            <AdminClinicTab tab="awards" />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="reviews" maw={980}>
          <ReviewsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
