import { Alert, Badge, Button, Checkbox, Code, CopyButton, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import { ConfirmDelete } from '../clinic/confirm-delete';
import { AdminModal } from '../layout/admin-modal';
import { PageHeader } from '../layout/page-header';
import { useZone } from '../lib/clinic-zone';
import { fieldProblems, notifyDone, notifyFailed } from '../lib/notify';
import { ExportButton } from '../lib/export-button';

type Scope = 'read' | 'write';
interface ApiKey {
  id: string;
  name: string;
  scopes: Scope[];
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const QUERY_KEY = ['admin', 'api-keys'];

/** API keys for integrations: made here (the key is shown once), seen with when each was last used, revoked. */
export function ApiKeysPage(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const [making, setMaking] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const list = useQuery({ queryKey: QUERY_KEY, queryFn: async () => (await api.get<{ items: ApiKey[] }>('/api/admin/api-keys')).items });
  return (
    <Stack maw={1100}>
      <PageHeader title={t('nav.apiKeys')} description={t('apiKeys.description')} actions={
          <>
            <ExportButton path="/api/admin/api-keys/export.csv" />
            <Button onClick={() => setMaking(true)}>{t('apiKeys.make')}</Button>
          </>
        }
      />
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('apiKeys.none')}
        </Text>
      )}
      {list.data && list.data.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th>{t('apiKeys.key')}</Table.Th>
                  <Table.Th>{t('apiKeys.scopes')}</Table.Th>
                  <Table.Th>{t('apiKeys.created')}</Table.Th>
                  <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((apiKey) => (
                  <Table.Tr key={apiKey.id} c={apiKey.revokedAt ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {apiKey.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{apiKey.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {apiKey.scopes.map((scope) => (
                          <Badge key={scope} variant="light" color={scope === 'write' ? 'orange' : 'blue'}>
                            {t(`apiKeys.scope.${scope}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDateTime(apiKey.createdAt, zone)}</Table.Td>
                    <Table.Td>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt, zone) : t('apiKeys.never')}</Table.Td>
                    <Table.Td>
                      {apiKey.revokedAt ? (
                        <Badge variant="light" color="gray" title={formatDateTime(apiKey.revokedAt, zone)}>
                          {t('apiKeys.revoked')}
                        </Badge>
                      ) : (
                        <Button size="compact-sm" variant="light" color="red" onClick={() => setRevoking(apiKey)} aria-label={`${t('apiKeys.revoke')}: ${apiKey.name}`}>
                          {t('apiKeys.revoke')}
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
      <AdminModal opened={making} onClose={() => setMaking(false)} title={t('apiKeys.make')} size="lg">
        {making && <MakeKey onClose={() => setMaking(false)} />}
      </AdminModal>
      {revoking && (
        <ConfirmDelete
          title={t('apiKeys.revoke')}
          question={t('apiKeys.revokeQuestion', { name: revoking.name })}
          confirmLabel={t('apiKeys.revoke')}
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.delete(`/api/admin/api-keys/${revoking.id}`);
            notifyDone(t('apiKeys.revokedDone', { name: revoking.name }));
            await client.invalidateQueries({ queryKey: QUERY_KEY });
          }}
        />
      )}
    </Stack>
  );
}

/** Name and scopes; then the key, once, with a copy button and the warning that it will not be shown again. */
function MakeKey({ onClose }: { onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const make = useMutation({
    mutationFn: () => api.post<ApiKey & { key: string }>('/api/admin/api-keys', { name: name.trim(), scopes }),
    onSuccess: (made) => {
      notifyDone(t('apiKeys.made', { name: made.name }));
      void client.invalidateQueries({ queryKey: QUERY_KEY });
    },
    onError: (error) => {
      setErrors(fieldProblems(error));
      notifyFailed(error);
    },
  });

  if (make.data) {
    return (
      <Stack gap="sm">
        <Alert color="orange" title={t('apiKeys.onceTitle')}>
          {t('apiKeys.once')}
        </Alert>
        <Code block style={{ wordBreak: 'break-all' }} data-testid="new-api-key">
          {make.data.key}
        </Code>
        <Text size="sm" c="dimmed">
          {t('apiKeys.howToUse')}
        </Text>
        <Group justify="flex-end">
          <CopyButton value={make.data.key}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t('apiKeys.copied') : t('apiKeys.copy')}</Button>}</CopyButton>
          <Button onClick={onClose}>{t('apiKeys.done')}</Button>
        </Group>
      </Stack>
    );
  }

  const submit = (): void => {
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('form.required');
    if (scopes.length === 0) problems.scopes = t('apiKeys.scopeNeeded');
    setErrors(problems);
    if (Object.keys(problems).length === 0) make.mutate();
  };
  return (
    <Stack gap="sm">
      <TextInput label={t('fields.name')} description={t('apiKeys.nameHint')} value={name} onChange={(event) => setName(event.currentTarget.value)} error={errors.name} maxLength={100} required data-autofocus />
      <Checkbox.Group label={t('apiKeys.scopes')} value={scopes} onChange={(value) => setScopes(value as Scope[])} error={errors.scopes} required>
        <Stack gap={6} mt={6}>
          <Checkbox value="read" label={t('apiKeys.scope.read')} description={t('apiKeys.scopeHint.read')} />
          <Checkbox value="write" label={t('apiKeys.scope.write')} description={t('apiKeys.scopeHint.write')} />
        </Stack>
      </Checkbox.Group>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('form.back')}
        </Button>
        <Button loading={make.isPending} onClick={submit}>
          {t('apiKeys.make')}
        </Button>
      </Group>
    </Stack>
  );
}
