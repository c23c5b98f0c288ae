import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import { ConfirmDelete } from '../clinic/confirm-delete';
import { AdminModal } from '../layout/admin-modal';
import { PageHeader } from '../layout/page-header';
import { useZone } from '../lib/clinic-zone';
import { fieldProblems, notifyDone, notifyFailed } from '../lib/notify';
import { useEventTypes, WEBHOOKS_KEY, type Subscription } from './webhook-types';
import { ExportButton } from '../lib/export-button';

/** Webhooks: where the clinic's events go (each signed), made here or by an integration platform, and how each delivery went. */
export function WebhooksPage(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Subscription | null>(null);
  const list = useQuery({ queryKey: WEBHOOKS_KEY, queryFn: async () => (await api.get<{ items: Subscription[] }>('/api/admin/webhooks')).items, refetchInterval: 30_000 });
  return (
    <Stack maw={1200}>
      <PageHeader title={t('nav.webhooks')} description={t('webhooks.description')} actions={
          <>
            <ExportButton path="/api/admin/webhooks/export.csv" />
            <Button onClick={() => setAdding(true)}>{t('webhooks.add')}</Button>
          </>
        }
      />
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('webhooks.none')}
        </Text>
      )}
      {list.data && list.data.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('webhooks.event')}</Table.Th>
                  <Table.Th>{t('webhooks.target')}</Table.Th>
                  <Table.Th>{t('webhooks.madeBy')}</Table.Th>
                  <Table.Th>{t('webhooks.deliveries')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((subscription) => (
                  <Table.Tr key={subscription.id} c={subscription.removedAt ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Code>{subscription.event}</Code>
                    </Table.Td>
                    <Table.Td style={{ wordBreak: 'break-all' }}>
                      <Text size="sm">{subscription.targetUrl}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {subscription.origin === 'rest_hook' ? t('webhooks.origin.rest_hook') : t('webhooks.origin.console')}
                        {subscription.createdBy ? ` · ${subscription.createdBy.name}` : ''}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(subscription.createdAt, zone)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/webhooks/${subscription.id}`} size="sm">
                        {t('webhooks.counts', subscription.deliveries)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {subscription.removedAt ? (
                        <Badge variant="light" color="gray" title={formatDateTime(subscription.removedAt, zone)} tt="none">
                          {t(`webhooks.removed.${subscription.removedReason ?? 'removed_by_staff'}`)}
                        </Badge>
                      ) : (
                        <Button size="compact-sm" variant="light" color="red" onClick={() => setRemoving(subscription)} aria-label={`${t('webhooks.remove')}: ${subscription.event} → ${subscription.targetUrl}`}>
                          {t('webhooks.remove')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Text size="sm" c="dimmed">
        {t('webhooks.verifyHint')}
      </Text>
      <AdminModal opened={adding} onClose={() => setAdding(false)} title={t('webhooks.add')} size="lg">
        {adding && <AddSubscription onClose={() => setAdding(false)} />}
      </AdminModal>
      {removing && (
        <ConfirmDelete
          title={t('webhooks.remove')}
          question={t('webhooks.removeQuestion', { event: removing.event, url: removing.targetUrl })}
          confirmLabel={t('webhooks.remove')}
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api.delete(`/api/admin/webhooks/${removing.id}`);
            notifyDone(t('webhooks.removedDone', { event: removing.event, url: removing.targetUrl }));
            await client.invalidateQueries({ queryKey: WEBHOOKS_KEY });
          }}
        />
      )}
    </Stack>
  );
}

/** Event and URL; then the signing secret, once, with a copy button. */
function AddSubscription({ onClose }: { onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const types = useEventTypes();
  const [event, setEvent] = useState<string | null>(null);
  const [targetUrl, setTargetUrl] = useState('https://');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () => api.post<Subscription & { secret: string }>('/api/admin/webhooks', { event, targetUrl: targetUrl.trim() }),
    onSuccess: (made) => {
      notifyDone(t('webhooks.added', { event: made.event, url: made.targetUrl }));
      void client.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    },
    onError: (error) => {
      setErrors(fieldProblems(error));
      notifyFailed(error);
    },
  });

  if (add.data) {
    return (
      <Stack gap="sm">
        <Alert color="orange" title={t('webhooks.secretOnceTitle')}>
          {t('webhooks.secretOnce')}
        </Alert>
        <Code block style={{ wordBreak: 'break-all' }} data-testid="new-webhook-secret">
          {add.data.secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={add.data.secret}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t('apiKeys.copied') : t('apiKeys.copy')}</Button>}</CopyButton>
          <Button onClick={onClose}>{t('apiKeys.done')}</Button>
        </Group>
      </Stack>
    );
  }

  const submit = (): void => {
    const problems: Record<string, string> = {};
    if (!event) problems.event = t('form.required');
    if (!/^https?:\/\/\S+$/.test(targetUrl.trim())) problems.targetUrl = t('webhooks.urlInvalid');
    setErrors(problems);
    if (Object.keys(problems).length === 0) add.mutate();
  };
  return (
    <Stack gap="sm">
      {types.isError && <ErrorState error={types.error} onRetry={() => void types.refetch()} />}
      <Select
        label={t('webhooks.event')}
        placeholder={types.isPending ? t('webhooks.loadingTypes') : undefined}
        data={(types.data ?? []).map((type) => ({ value: type.type, label: type.type }))}
        value={event}
        onChange={setEvent}
        error={errors.event}
        description={types.data?.find((type) => type.type === event)?.description}
        searchable
        required
        data-autofocus
      />
      <TextInput label={t('webhooks.target')} description={t('webhooks.targetHint')} value={targetUrl} onChange={(e) => setTargetUrl(e.currentTarget.value)} error={errors.targetUrl} maxLength={2000} required />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('form.back')}
        </Button>
        <Button loading={add.isPending} onClick={submit}>
          {t('webhooks.add')}
        </Button>
      </Group>
    </Stack>
  );
}
