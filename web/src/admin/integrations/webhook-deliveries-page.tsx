import { Anchor, Badge, Button, Code, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, query } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Page } from '../../shared/types';
import { PageHeader } from '../layout/page-header';
import { useZone } from '../lib/clinic-zone';
import { ListFooter } from '../lib/list-footer';
import { notifyDone, notifyFailed } from '../lib/notify';
import { WEBHOOKS_KEY, type Delivery, type DeliveryState, type Subscription } from './webhook-types';
import { ExportButton } from '../lib/export-button';

/** An attempt's moment to the second: retries come seconds apart at first. */
function attemptTime(iso: string, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'uk-UA', { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

const STATE_COLORS: Record<DeliveryState, string> = { queued: 'yellow', delivered: 'teal', failed: 'red', gone: 'gray' };

export function DeliveryStateBadge({ state }: { state: DeliveryState }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Badge color={STATE_COLORS[state]} variant="dot" radius="sm" tt="none" fz="xs" styles={{ root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } }}>
      {t(`webhooks.state.${state}`)}
    </Badge>
  );
}

/** One subscription's deliveries, newest first: state, every attempt (status, time, error), and Resend. */
export function WebhookDeliveriesPage(): ReactNode {
  const { t, i18n } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const { id = '' } = useParams();
  const [state, setState] = useState<string>('');
  const [open, setOpen] = useState<string | null>(null);
  const subscriptions = useQuery({ queryKey: WEBHOOKS_KEY, queryFn: async () => (await api.get<{ items: Subscription[] }>('/api/admin/webhooks')).items });
  const subscription = subscriptions.data?.find((s) => s.id === id);
  const list = useInfiniteQuery({
    queryKey: [...WEBHOOKS_KEY, id, 'deliveries', state],
    queryFn: ({ pageParam }) => api.get<Page<Delivery>>(`/api/admin/webhooks/${id}/deliveries${query({ state, cursor: pageParam, limit: 50 })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 15_000,
  });
  const resend = useMutation({
    mutationFn: (delivery: Delivery) => api.post<Delivery>(`/api/admin/webhooks/${id}/deliveries/${delivery.id}/resend`),
    onSuccess: (delivery) => {
      notifyDone(t('webhooks.resent', { event: delivery.event, id: delivery.eventId }));
      void client.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    },
    onError: (error) => notifyFailed(error),
  });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const removed = subscription?.removedAt != null;
  return (
    <Stack maw={1200}>
      <PageHeader
        title={t('webhooks.deliveriesTitle')}
        description={subscription ? `${subscription.event} → ${subscription.targetUrl}` : undefined}
        actions={
          <>
            <ExportButton path={`/api/admin/webhooks/${id}/deliveries/export.csv`} params={{ state }} />
            <Button component={Link} to="/admin/webhooks" variant="default">
              {t('webhooks.back')}
            </Button>
          </>
        }
      />
      {removed && (
        <Text size="sm" c="dimmed">
          {t(`webhooks.removed.${subscription.removedReason ?? 'removed_by_staff'}`)} · {formatDateTime(subscription.removedAt!, zone)}
        </Text>
      )}
      <Group align="flex-end">
        <Select
          label={t('fields.status')}
          data={[
            { value: '', label: t('webhooks.anyState') },
            ...(['queued', 'delivered', 'failed', 'gone'] as const).map((value) => ({ value, label: t(`webhooks.state.${value}`) })),
          ]}
          value={state}
          onChange={(value) => setState(value ?? '')}
          allowDeselect={false}
          w={200}
        />
      </Group>
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && rows.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('webhooks.noDeliveries')}
        </Text>
      )}
      {rows.length > 0 && (
        <Paper withBorder p="xs">
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('webhooks.event')}</Table.Th>
                  <Table.Th>{t('fields.status')}</Table.Th>
                  <Table.Th>{t('webhooks.happened')}</Table.Th>
                  <Table.Th>{t('webhooks.attempts')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((delivery) => {
                  const last = delivery.attempts.at(-1);
                  return (
                    <Fragment key={delivery.id}>
                      <Table.Tr>
                        <Table.Td>
                          <Text size="sm">{delivery.event}</Text>
                          <Code fz="xs">{delivery.eventId}</Code>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <DeliveryStateBadge state={delivery.state} />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDateTime(delivery.createdAt, zone)}</Text>
                        </Table.Td>
                        <Table.Td>
                          {delivery.attempts.length === 0 ? (
                            <Text size="sm" c="dimmed">
                              {t('webhooks.notYet')}
                            </Text>
                          ) : (
                            <Anchor component="button" type="button" size="sm" onClick={() => setOpen(open === delivery.id ? null : delivery.id)} aria-expanded={open === delivery.id}>
                              {t('webhooks.attemptCount', { count: delivery.attempts.length })}
                              {last ? ` · ${last.statusCode ?? t('webhooks.noAnswer')}` : ''}
                            </Anchor>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {!removed && (
                            <Button size="compact-sm" variant="light" loading={resend.isPending && resend.variables?.id === delivery.id} onClick={() => resend.mutate(delivery)}>
                              {t('webhooks.resend')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                      {open === delivery.id && (
                        <Table.Tr>
                          <Table.Td colSpan={5}>
                            <Table fz="xs" verticalSpacing={2} aria-label={t('webhooks.attempts')}>
                              <Table.Thead>
                                <Table.Tr>
                                  <Table.Th>{t('webhooks.attemptAt')}</Table.Th>
                                  <Table.Th>{t('webhooks.answer')}</Table.Th>
                                  <Table.Th>{t('webhooks.duration')}</Table.Th>
                                  <Table.Th>{t('webhooks.detail')}</Table.Th>
                                </Table.Tr>
                              </Table.Thead>
                              <Table.Tbody>
                                {delivery.attempts.map((attempt, index) => (
                                  <Table.Tr key={index}>
                                    <Table.Td>{attemptTime(attempt.at, zone, i18n.language)}</Table.Td>
                                    <Table.Td c={attempt.outcome === 'delivered' ? 'teal.8' : 'red.8'}>{attempt.statusCode ?? t('webhooks.noAnswer')}</Table.Td>
                                    <Table.Td>{t('webhooks.ms', { ms: attempt.durationMs })}</Table.Td>
                                    <Table.Td style={{ wordBreak: 'break-word' }}>{attempt.error ?? attempt.response ?? ''}</Table.Td>
                                  </Table.Tr>
                                ))}
                              </Table.Tbody>
                            </Table>
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {list.data && <ListFooter shown={rows.length} list={list} />}
    </Stack>
  );
}
