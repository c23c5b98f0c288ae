import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingState } from '../shared/states';
import { AppointmentCard } from './appointment-card';
import { ClinicPhoneLink } from './clinic-phone';
import { hoursBetween } from './clinic-time';
import { DoneNotice } from './done-notice';
import { useBookings, useClinic, useMe } from './portal-api';
import { PortalError } from './portal-auth';
import { PageTitle } from './page-title';

/** The portal's home: the client's upcoming appointments, then the past ones. */
export function AppointmentsPage(): ReactNode {
  const { t } = useTranslation('portal');
  useDocumentTitle(t('appointments.documentTitle'));
  const me = useMe();
  const clinic = useClinic();
  const bookings = useBookings();
  const [done, setDone] = useState<string | null>(null);

  const header = (
    <div>
      <PageTitle>{t('appointments.title')}</PageTitle>
      {me.data && <Text c="gray.7">{t('appointments.greeting', { name: me.data.name })}</Text>}
    </div>
  );

  if (clinic.isError || bookings.isError) {
    return (
      <Stack>
        {header}
        <PortalError error={bookings.error ?? clinic.error} onRetry={() => void Promise.all([clinic.refetch(), bookings.refetch()])} />
      </Stack>
    );
  }
  if (!clinic.data || !bookings.data) {
    return (
      <Stack>
        {header}
        <LoadingState />
      </Stack>
    );
  }

  const { upcoming, past } = bookings.data;
  const sample = bookings.data.items[0];
  const cutoffHours = sample ? hoursBetween(sample.changeableUntil, sample.startsAt) : 5;

  return (
    <Stack gap="lg">
      {header}
      <DoneNotice message={done} onClose={() => setDone(null)} />
      <Text size="sm">
        <Trans t={t} i18nKey="appointments.rule" values={{ hours: cutoffHours }} count={cutoffHours} components={{ phone: <ClinicPhoneLink phone={clinic.data.phone} /> }} />
      </Text>

      <Stack gap="sm" component="section" aria-labelledby="upcoming-heading">
        <Title order={2} id="upcoming-heading" size="h3">
          {t('appointments.upcoming')}
        </Title>
        {upcoming.length === 0 ? (
          <Stack gap="xs" align="flex-start">
            <Text>{t('appointments.noneUpcoming')}</Text>
            <Button component={Link} to="/book">
              {t('nav.book')}
            </Button>
          </Stack>
        ) : (
          upcoming.map((booking) => <AppointmentCard key={booking.id} booking={booking} clinic={clinic.data} linked headingOrder={3} onDone={setDone} />)
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="past-heading">
        <Title order={2} id="past-heading" size="h3">
          {t('appointments.past')}
        </Title>
        {past.length === 0 ? <Text>{t('appointments.nonePast')}</Text> : past.map((booking) => <AppointmentCard key={booking.id} booking={booking} clinic={clinic.data} linked headingOrder={3} onDone={setDone} />)}
      </Stack>
      {upcoming.length > 0 && (
        <Group>
          <Button component={Link} to="/book" variant="light">
            {t('nav.book')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
