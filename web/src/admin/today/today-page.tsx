import { Divider, Grid, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../shared/format';
import { PageHeader } from '../layout/page-header';
import { clinicToday } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { NeedsAction } from './needs-action';
import { TodaysAppointments } from './todays-appointments';
import { WeekFiguresPanel } from './week-figures';

export function TodayPage(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  return (
    <Stack gap="lg">
      <PageHeader title={t('nav.today')} description={formatCalendarDate(clinicToday(zone))} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <TodaysAppointments />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <NeedsAction />
        </Grid.Col>
      </Grid>
      <Divider />
      <WeekFiguresPanel />
    </Stack>
  );
}
