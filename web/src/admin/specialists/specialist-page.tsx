import { Anchor, Stack, Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../shared/states';
import { useIsAdmin } from '../auth/session';
import { NotFoundPage } from '../layout/not-found-page';
import { PageHeader } from '../layout/page-header';
import { useSpecialists } from '../lib/queries';
import { SchedulePanel } from './schedule-panel';
import { SpecialistForm } from './specialist-form';

export function SpecialistPage(): ReactNode {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const isAdmin = useIsAdmin();
  const list = useSpecialists();
  const isNew = id === 'new';
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'hours' ? 'hours' : 'profile';
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const specialist = list.data.find((s) => s.id === id);
  if (isNew && !isAdmin) return <NotFoundPage />;
  if (!isNew && !specialist) return <NotFoundPage />;

  return (
    <Stack>
      <Anchor component={Link} to="/admin/specialists" size="sm">
        ← {t('nav.specialists')}
      </Anchor>
      <PageHeader title={specialist ? specialist.name : t('specialists.add')} description={specialist?.specialty} />
      {specialist ? (
        // One form at a time, so each tab has exactly one "Save".
        <Tabs value={tab} onChange={(value) => setParams(value === 'hours' ? { tab: 'hours' } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="profile">{t('specialists.profileTab')}</Tabs.Tab>
            <Tabs.Tab value="hours">{t('schedule.title')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="profile" maw={720}>
            <SpecialistForm key={JSON.stringify(specialist)} specialist={specialist} readOnly={!isAdmin} />
          </Tabs.Panel>
          <Tabs.Panel value="hours" maw={960}>
            <SchedulePanel specialistId={specialist.id} readOnly={!isAdmin} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <Stack maw={720}>
          <SpecialistForm key="new" specialist={null} readOnly={!isAdmin} />
        </Stack>
      )}
    </Stack>
  );
}
