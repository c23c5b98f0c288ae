// What the desk owes someone: appointments the clients confirmed and the clinic has not approved,
// holds waiting for the client's e-mail confirmation, unanswered messages, e-mails that failed.
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { formatDateTime, formatTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Page, StaffBooking } from '../../shared/types';
import { ActionModal } from '../appointments/action-modal';
import type { ErasureRequest, InboxItem, OutboxEmail } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { notifyDone, notifyFailed } from '../lib/notify';
import { useSpecialistName } from '../lib/queries';

function Section({ title, count, more, children }: { title: string; count: number | undefined; more?: ReactNode; children: ReactNode }): ReactNode {
  return (
    <Paper withBorder p="sm" component="section" aria-label={title}>
      <Group justify="space-between" mb={6}>
        <Group gap={6}>
          <Title order={3} size="h5">
            {title}
          </Title>
          {count !== undefined && (
            <Badge color={count > 0 ? 'orange' : 'gray'} variant={count > 0 ? 'filled' : 'light'} size="sm">
              {count}
            </Badge>
          )}
        </Group>
        {more}
      </Group>
      {children}
    </Paper>
  );
}

function useList<T>(key: string, path: string): ReturnType<typeof useQuery<Page<T>>> {
  return useQuery({ queryKey: ['admin', key, 'needs-action', path], queryFn: () => api.get<Page<T>>(path), refetchInterval: 60_000 });
}

function Waiting(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const specialistName = useSpecialistName();
  const query = useList<StaffBooking>('bookings', '/api/admin/bookings?status=confirmed&limit=50');
  const [approving, setApproving] = useState<StaffBooking | null>(null);
  return (
    <Section
      title={t('today.action.waiting')}
      count={query.data?.items.length}
      more={
        <Anchor component={Link} to="/admin/appointments?status=confirmed" size="xs">
          {t('today.action.seeAll')}
        </Anchor>
      }
    >
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('today.action.waitingNone')}</Text>}
      <Stack gap={6}>
        {query.data?.items.map((booking) => (
          <Group key={booking.id} justify="space-between" wrap="nowrap" gap="xs">
            <Stack gap={0} miw={0} style={{ flex: 1 }}>
              <Anchor component={Link} to={`/admin/appointments/${booking.id}`} size="sm" fw={600}>
                {booking.contact.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {specialistName(booking.specialistId)} · {formatDateTime(booking.startsAt, zone)}
              </Text>
            </Stack>
            <Button size="compact-sm" onClick={() => setApproving(booking)}>
              {t('actions.approve.button')}
            </Button>
          </Group>
        ))}
      </Stack>
      {approving && <ActionModal booking={approving} action="approve" onClose={() => setApproving(null)} />}
    </Section>
  );
}

function Holds(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const specialistName = useSpecialistName();
  const query = useList<StaffBooking>('bookings', '/api/admin/bookings?status=unconfirmed&limit=50');
  return (
    <Section title={t('today.action.holds')} count={query.data?.items.length}>
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('today.action.holdsNone')}</Text>}
      <Stack gap={6}>
        {query.data?.items.map((booking) => (
          <Stack key={booking.id} gap={0}>
            <Anchor component={Link} to={`/admin/appointments/${booking.id}`} size="sm" fw={600}>
              {booking.contact.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {specialistName(booking.specialistId)} · {formatDateTime(booking.startsAt, zone)}
              {booking.holdExpiresAt && ` · ${t('today.action.holdUntil', { time: formatTime(booking.holdExpiresAt, zone) })}`}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}

function Unanswered(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const query = useList<InboxItem>('inbox', '/api/admin/inbox?unanswered=true&limit=50');
  return (
    <Section title={t('today.action.unanswered')} count={query.data?.items.length}>
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('today.action.unansweredNone')}</Text>}
      <Stack gap={6}>
        {query.data?.items.map((item) => (
          <Stack key={item.contactId} gap={0}>
            <Anchor component={Link} to={`/admin/messages/${item.contactId}`} size="sm" fw={600}>
              {item.contactName}
            </Anchor>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {formatDateTime(item.lastMessageAt, zone)} · {item.lastMessagePreview}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}

function FailedEmails(): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const query = useList<OutboxEmail>('outbox', '/api/admin/outbox?status=failed&limit=50');
  const retry = useMutation({
    mutationFn: (email: OutboxEmail) => api.post<OutboxEmail>(`/api/admin/outbox/${email.id}/retry`),
    onSuccess: (email) => {
      notifyDone(t('email.outbox.retried', { to: email.to }));
      void client.invalidateQueries({ queryKey: ['admin', 'outbox'] });
    },
    onError: (error) => notifyFailed(error),
  });
  return (
    <Section
      title={t('today.action.failed')}
      count={query.data?.items.length}
      more={
        <Anchor component={Link} to="/admin/email?status=failed" size="xs">
          {t('today.action.seeAll')}
        </Anchor>
      }
    >
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('today.action.failedNone')}</Text>}
      <Stack gap={6}>
        {query.data?.items.map((email) => (
          <Group key={email.id} justify="space-between" wrap="nowrap" gap="xs">
            <Stack gap={0} miw={0} style={{ flex: 1 }}>
              <Text size="sm" fw={600} lineClamp={1}>
                {email.subject}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {email.to} · {email.lastError}
              </Text>
            </Stack>
            <Button size="compact-sm" variant="light" loading={retry.isPending && retry.variables?.id === email.id} onClick={() => retry.mutate(email)}>
              {t('email.outbox.retry')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

function ErasureRequests(): ReactNode {
  const { t } = useTranslation('admin');
  const query = useQuery({
    queryKey: ['admin', 'erasure', 'pending'],
    queryFn: async () => (await api.get<{ items: ErasureRequest[] }>('/api/admin/erasure-requests?status=pending')).items,
  });
  if (!query.data || query.data.length === 0) return null;
  return (
    <Section
      title={t('today.action.erasure')}
      count={query.data.length}
      more={
        <Anchor component={Link} to="/admin/contacts?tab=erasure" size="xs">
          {t('today.action.seeAll')}
        </Anchor>
      }
    >
      <Stack gap={4}>
        {query.data.map((request) => (
          <Anchor key={request.id} component={Link} to={`/admin/contacts/${request.contactId}`} size="sm">
            {request.contactName}
          </Anchor>
        ))}
      </Stack>
    </Section>
  );
}

export function NeedsAction(): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Stack gap="sm" component="section" aria-labelledby="needs-action">
      <Title order={2} size="h4" id="needs-action">
        {t('today.action.title')}
      </Title>
      <Waiting />
      <Holds />
      <Unanswered />
      <FailedEmails />
      <ErasureRequests />
    </Stack>
  );
}
