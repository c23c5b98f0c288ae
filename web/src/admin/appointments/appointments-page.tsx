import { Anchor, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Page, StaffBooking } from '../../shared/types';
import { PageHeader } from '../layout/page-header';
import { clinicToday } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { ExportButton } from '../lib/export-button';
import { useSpecialistName } from '../lib/queries';
import { StatusBadge } from '../lib/status';
import { AppointmentFiltersBar, useAppointmentFilters } from './appointment-filters';
import { NewBookingModal, type BookingStart } from './new-booking-modal';
import { ListFooter } from '../lib/list-footer';

const PAGE_SIZE = 50;

export function AppointmentsPage(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const specialistName = useSpecialistName();
  const [filters, setFilters] = useAppointmentFilters();
  const [booking, setBooking] = useState<BookingStart | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['admin', 'bookings', 'list', filters],
    queryFn: ({ pageParam }) => api.get<Page<StaffBooking>>(`/api/admin/bookings${query({ ...filters, cursor: pageParam, limit: PAGE_SIZE })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <PageHeader
        title={t('nav.appointments')}
        description={t('appointments.description', { zone })}
        actions={
          <>
            <ExportButton path="/api/admin/bookings/export.csv" params={{ ...filters }} />
            <Button onClick={() => setBooking({ specialistId: filters.specialistId ?? null, date: clinicToday(zone), time: '09:00', minutes: null })}>{t('booking.open')}</Button>
          </>
        }
      />
      <AppointmentFiltersBar filters={filters} onChange={setFilters} />
      <NewBookingModal start={booking} onClose={() => setBooking(null)} />
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={800}>
            <Table highlightOnHover verticalSpacing={6} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.when')}</Table.Th>
                  <Table.Th>{t('fields.client')}</Table.Th>
                  <Table.Th>{t('fields.specialist')}</Table.Th>
                  <Table.Th>{t('fields.status')}</Table.Th>
                  <Table.Th>{t('fields.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((booking) => (
                  <Table.Tr key={booking.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/appointments/${booking.id}`} size="sm">
                        {formatDateTime(booking.startsAt, zone)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/contacts/${booking.contact.id}`} size="sm" c="inherit">
                        {booking.contact.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {booking.contact.email}
                        {booking.contact.phone ? ` · ${booking.contact.phone}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{specialistName(booking.specialistId)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={booking.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`source.${booking.source}`)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {rows.length === 0 && (
            <Text c="dimmed" p="md">
              {t('appointments.none')}
            </Text>
          )}
        </Paper>
      )}
      {list.data && (
        <ListFooter shown={rows.length} list={list} />
      )}
    </Stack>
  );
}
