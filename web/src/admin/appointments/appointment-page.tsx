import { Anchor, Badge, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../shared/api';
import { formatDateTime, formatTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Page, StaffBooking } from '../../shared/types';
import { TimelineList } from '../contacts/timeline-list';
import { OutboxTable } from '../email/outbox-table';
import { PageHeader } from '../layout/page-header';
import type { OutboxEmail, TimelineEntry } from '../lib/admin-types';
import { minutesBetween } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { keys, useSpecialistName } from '../lib/queries';
import { StatusBadge } from '../lib/status';
import { AppointmentActions } from './appointment-actions';

function Fact({ label, children }: { label: string; children: ReactNode }): ReactNode {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function History({ booking }: { booking: StaffBooking }): ReactNode {
  const { t } = useTranslation('admin');
  const timeline = useQuery({
    queryKey: [...keys.timeline(booking.contact.id), 'appointment', booking.id],
    queryFn: () => api.get<{ items: TimelineEntry[] }>(`/api/admin/contacts/${booking.contact.id}/timeline?kind=booking,email&limit=500`),
  });
  const outbox = useQuery({
    queryKey: ['admin', 'outbox', 'appointment', booking.id],
    queryFn: () => api.get<Page<OutboxEmail>>(`/api/admin/outbox?appointmentId=${booking.id}&limit=200`),
  });
  const entries = timeline.data?.items.filter((entry) => entry.appointmentId === booking.id) ?? [];
  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-labelledby="history-title">
        <Title order={2} size="h4" id="history-title" mb="sm">
          {t('appointment.history')}
        </Title>
        {timeline.isPending && <LoadingState />}
        {timeline.isError && <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />}
        {timeline.isSuccess && (entries.length ? <TimelineList entries={entries} /> : <Text c="dimmed">{t('appointment.noHistory')}</Text>)}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="emails-title">
        <Title order={2} size="h4" id="emails-title" mb="sm">
          {t('appointment.emails')}
        </Title>
        {outbox.isPending && <LoadingState />}
        {outbox.isError && <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />}
        {outbox.data && <OutboxTable emails={outbox.data.items} showRecipient={false} />}
      </Paper>
    </Stack>
  );
}

export function AppointmentPage(): ReactNode {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const zone = useZone();
  const specialistName = useSpecialistName();
  const query = useQuery({ queryKey: keys.booking(id), queryFn: () => api.get<StaffBooking>(`/api/admin/bookings/${id}`) });

  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const booking = query.data;

  return (
    <Stack>
      <Anchor component={Link} to="/admin/appointments" size="sm">
        ← {t('appointment.back')}
      </Anchor>
      <PageHeader
        title={t('appointment.title', { name: booking.contact.name })}
        description={
          <Group gap="xs" component="span">
            <StatusBadge status={booking.status} />
            <span>
              {formatDateTime(booking.startsAt, zone)} · {specialistName(booking.specialistId)}
            </span>
          </Group>
        }
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Paper withBorder p="md" component="section" aria-labelledby="details-title">
              <Title order={2} size="h4" id="details-title" mb="sm">
                {t('appointment.details')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Fact label={t('fields.client')}>
                  <Anchor component={Link} to={`/admin/contacts/${booking.contact.id}`}>
                    {booking.contact.name}
                  </Anchor>
                </Fact>
                <Fact label={t('fields.status')}>
                  <StatusBadge status={booking.status} />
                </Fact>
                <Fact label={t('fields.email')}>{booking.contact.email}</Fact>
                <Fact label={t('fields.phone')}>{booking.contact.phone ?? '—'}</Fact>
                <Fact label={t('fields.specialist')}>{specialistName(booking.specialistId)}</Fact>
                <Fact label={t('fields.when')}>
                  {formatDateTime(booking.startsAt, zone)}–{formatTime(booking.endsAt, zone)} ({t('appointment.minutes', { count: minutesBetween(booking.startsAt, booking.endsAt) })})
                </Fact>
                <Fact label={t('fields.source')}>{t(`source.${booking.source}`)}</Fact>
                <Fact label={t('fields.language')}>{t(`languages.${booking.locale}`, { ns: 'common' })}</Fact>
                <Fact label={t('appointment.created')}>{formatDateTime(booking.createdAt, zone)}</Fact>
                {booking.holdExpiresAt && (
                  <Fact label={t('appointment.holdExpires')}>
                    <Badge color="yellow" variant="light">
                      {formatDateTime(booking.holdExpiresAt, zone)}
                    </Badge>
                  </Fact>
                )}
              </SimpleGrid>
              <Stack gap={2} mt="sm">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t('fields.notes')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {booking.notes || t('appointment.noNotes')}
                </Text>
              </Stack>
            </Paper>
            <History booking={booking} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <AppointmentActions booking={booking} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
