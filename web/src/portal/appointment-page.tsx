import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../shared/states';
import { AppointmentCard } from './appointment-card';
import { DoneNotice } from './done-notice';
import { useBookings, useClinic } from './portal-api';
import { PortalError } from './portal-auth';
import { PageTitle } from './page-title';

/** One appointment on its own page: what the e-mails link to. */
export function AppointmentPage(): ReactNode {
  const { t } = useTranslation('portal');
  useDocumentTitle(t('appointment.documentTitle'));
  const { id } = useParams();
  const clinic = useClinic();
  const bookings = useBookings();
  const [done, setDone] = useState<string | null>(null);
  const booking = bookings.data?.items.find((item) => item.id === id);

  const back = (
    <Anchor component={Link} to="/portal" size="sm">
      {t('appointment.back')}
    </Anchor>
  );

  let body: ReactNode;
  if (clinic.isError || bookings.isError) {
    body = <PortalError error={bookings.error ?? clinic.error} onRetry={() => void Promise.all([clinic.refetch(), bookings.refetch()])} />;
  } else if (!clinic.data || !bookings.data) {
    body = <LoadingState />;
  } else if (!booking) {
    body = (
      <Alert color="gray" title={t('appointment.notFoundTitle')}>
        <Text size="sm">{t('appointment.notFound')}</Text>
      </Alert>
    );
  } else {
    body = <AppointmentCard booking={booking} clinic={clinic.data} headingOrder={2} onDone={setDone} />;
  }

  return (
    <Stack gap="md">
      {back}
      <PageTitle>{t('appointment.title')}</PageTitle>
      <DoneNotice message={done} onClose={() => setDone(null)} />
      {body}
    </Stack>
  );
}
