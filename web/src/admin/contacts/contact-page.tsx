import { Anchor, Badge, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Contact, StaffBooking } from '../../shared/types';
import { PageHeader } from '../layout/page-header';
import { useZone } from '../lib/clinic-zone';
import { fetchAllPages } from '../lib/paging';
import { keys, useSpecialistName } from '../lib/queries';
import { StatusBadge } from '../lib/status';
import { MessageThread } from '../messages/message-thread';
import { ContactForm } from './contact-form';
import { ContactTimeline } from './contact-timeline';
import { ExportButton } from '../lib/export-button';

function ContactAppointments({ contactId }: { contactId: string }): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const specialistName = useSpecialistName();
  const list = useQuery({
    queryKey: ['admin', 'bookings', 'contact', contactId],
    queryFn: () => fetchAllPages<StaffBooking>('/api/admin/bookings', { contactId }, 1000),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contact-appointments">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="contact-appointments">
          {t('contact.appointments')}
        </Title>
        <ExportButton path="/api/admin/bookings/export.csv" params={{ contactId }} size="compact-sm" describedBy="contact-appointments" />
      </Group>
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('contact.noAppointments')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table verticalSpacing={4} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.when')}</Table.Th>
              <Table.Th>{t('fields.specialist')}</Table.Th>
              <Table.Th>{t('fields.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...list.data.items].reverse().map((booking) => (
              <Table.Tr key={booking.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/admin/appointments/${booking.id}`} size="sm">
                    {formatDateTime(booking.startsAt, zone)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{specialistName(booking.specialistId)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={booking.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function ContactPage(): ReactNode {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const zone = useZone();
  const query = useQuery({ queryKey: keys.contact(id), queryFn: () => api.get<Contact>(`/api/admin/contacts/${id}`) });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const contact = query.data;
  return (
    <Stack>
      <Anchor component={Link} to="/admin/contacts" size="sm">
        ← {t('contact.back')}
      </Anchor>
      <PageHeader
        title={contact.name}
        description={
          <Group gap="xs" component="span">
            <Badge variant="light" color={contact.lifecycle === 'client' ? 'teal' : 'gray'}>
              {t(`lifecycle.${contact.lifecycle}`)}
            </Badge>
            <span>
              {contact.email}
              {contact.phone ? ` · ${contact.phone}` : ''} · {t('contact.since', { when: formatDateTime(contact.createdAt, zone) })}
            </span>
          </Group>
        }
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            {/* Keyed by the saved version, so the form starts again from what the server holds. */}
            <ContactForm key={contact.updatedAt} contact={contact} />
            <ContactAppointments contactId={contact.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <Paper withBorder p="md" component="section" aria-labelledby="contact-messages">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id="contact-messages">
                  {t('contact.messages')}
                </Title>
                <ExportButton path={`/api/admin/contacts/${contact.id}/messages/export.csv`} size="compact-sm" describedBy="contact-messages" />
              </Group>
              <MessageThread contactId={contact.id} contactName={contact.name} height={320} />
            </Paper>
            <ContactTimeline contactId={contact.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
