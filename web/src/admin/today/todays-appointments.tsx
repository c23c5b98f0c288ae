import { Anchor, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { StaffBooking } from '../../shared/types';
import { ActionModal, type AppointmentAction } from '../appointments/action-modal';
import { clinicToday } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { fetchAllPages } from '../lib/paging';
import { useSpecialists } from '../lib/queries';
import { StatusBadge } from '../lib/status';
import { ExportButton } from '../lib/export-button';

/** Today's diary, one table per specialist who has appointments today. */
export function TodaysAppointments(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const today = clinicToday(zone);
  const specialists = useSpecialists();
  const query = useQuery({
    queryKey: ['admin', 'bookings', 'day', today],
    queryFn: () => fetchAllPages<StaffBooking>('/api/admin/bookings', { from: today, to: today }),
    refetchInterval: 60_000,
  });
  const [acting, setActing] = useState<{ booking: StaffBooking; action: AppointmentAction } | null>(null);

  if (query.isPending || specialists.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (specialists.isError) return <ErrorState error={specialists.error} onRetry={() => void specialists.refetch()} />;

  const bookings = query.data.items;
  const groups = specialists.data
    .map((specialist) => ({ specialist, bookings: bookings.filter((b) => b.specialistId === specialist.id) }))
    .filter((group) => group.bookings.length > 0);

  return (
    <Stack gap="sm" component="section" aria-labelledby="today-diary">
      <Group justify="space-between">
        <Title order={2} size="h4" id="today-diary">
          {t('today.diary.title', { count: bookings.filter((b) => b.status !== 'cancelled' && b.status !== 'expired').length })}
        </Title>
        <Group gap="sm">
          <ExportButton path="/api/admin/bookings/export.csv" params={{ from: today, to: today }} size="compact-sm" describedBy="today-diary" />
          <Anchor component={Link} to="/admin/calendar" size="sm">
            {t('today.diary.openCalendar')}
          </Anchor>
        </Group>
      </Group>
      {groups.length === 0 && (
        <Paper withBorder p="md">
          <Text c="dimmed">{t('today.diary.none')}</Text>
        </Paper>
      )}
      {groups.map(({ specialist, bookings: own }) => (
        <Paper withBorder key={specialist.id} p="sm">
          <Text fw={600} mb={4}>
            {specialist.name} <Text span c="dimmed" size="sm">· {specialist.specialty}</Text>
          </Text>
          <Table verticalSpacing={4} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t('fields.time')}</Table.Th>
                <Table.Th>{t('fields.client')}</Table.Th>
                <Table.Th w={150}>{t('fields.status')}</Table.Th>
                <Table.Th w={130}>
                  <VisuallyHidden>{t('fields.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {own.map((booking) => (
                <Table.Tr key={booking.id} c={booking.status === 'cancelled' || booking.status === 'expired' ? 'dimmed' : undefined}>
                  <Table.Td>
                    {formatTime(booking.startsAt, zone)}–{formatTime(booking.endsAt, zone)}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/appointments/${booking.id}`}>
                      {booking.contact.name}
                    </Anchor>
                    {booking.contact.phone && (
                      <Text span size="xs" c="dimmed" ml={6}>
                        {booking.contact.phone}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={booking.status} />
                  </Table.Td>
                  <Table.Td>
                    {booking.status === 'confirmed' && (
                      <Button size="compact-xs" onClick={() => setActing({ booking, action: 'approve' })}>
                        {t('actions.approve.button')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
      {acting && <ActionModal booking={acting.booking} action={acting.action} onClose={() => setActing(null)} />}
    </Stack>
  );
}
