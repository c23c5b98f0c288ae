// Clients' requests to erase their personal data: carry one out (irreversible) or decline it, saying why.
import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import { AdminModal } from '../layout/admin-modal';
import type { ErasureRequest } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { notifyDone, problemText } from '../lib/notify';
import { ExportButton } from '../lib/export-button';

type Decision = 'complete' | 'reject';

function DecisionModal({ request, decision, onClose }: { request: ErasureRequest; decision: Decision; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const run = useMutation({
    mutationFn: () => api.post<ErasureRequest>(`/api/admin/erasure-requests/${request.id}/${decision}`, note.trim() ? { note: note.trim() } : {}),
    onSuccess: () => {
      notifyDone(t(`erasure.${decision}Done`, { name: request.contactName }));
      void client.invalidateQueries({ queryKey: ['admin'] });
      onClose();
    },
  });
  return (
    <AdminModal opened onClose={onClose} title={t(`erasure.${decision}Title`, { name: request.contactName })}>
      <Stack gap="sm">
        <Text size="sm">{t(`erasure.${decision}Explain`)}</Text>
        <Textarea label={t('erasure.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
        {run.isError && (
          <Alert color="red" role="alert">
            {problemText(run.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.back')}
          </Button>
          <Button color={decision === 'complete' ? 'red' : undefined} loading={run.isPending} onClick={() => run.mutate()}>
            {t('form.goAhead')}
          </Button>
        </Group>
      </Stack>
    </AdminModal>
  );
}

export function ErasureRequests(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const [status, setStatus] = useState('pending');
  const [deciding, setDeciding] = useState<{ request: ErasureRequest; decision: Decision } | null>(null);
  const list = useQuery({
    queryKey: ['admin', 'erasure', status],
    queryFn: async () => (await api.get<{ items: ErasureRequest[] }>(`/api/admin/erasure-requests?status=${status}`)).items,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl
          w="fit-content"
          value={status}
          onChange={setStatus}
          data={['pending', 'completed', 'rejected'].map((s) => ({ value: s, label: t(`erasure.status.${s}`) }))}
          aria-label={t('fields.status')}
        />
        <ExportButton path="/api/admin/erasure-requests/export.csv" params={{ status }} />
      </Group>
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <Text c="dimmed">{t('erasure.none')}</Text>}
      {list.data && list.data.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.client')}</Table.Th>
                <Table.Th>{t('erasure.requested')}</Table.Th>
                <Table.Th>{t('erasure.reason')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>
                    {request.status === 'completed' ? (
                      <Text size="sm">{request.contactName}</Text>
                    ) : (
                      <Anchor component={Link} to={`/admin/contacts/${request.contactId}`} size="sm">
                        {request.contactName}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDateTime(request.requestedAt, zone)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{request.reason || '—'}</Text>
                    {request.note && <Text size="xs" c="dimmed">{t('erasure.noteShown', { note: request.note })}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={request.status === 'pending' ? 'orange' : 'gray'}>
                      {t(`erasure.status.${request.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {request.status === 'pending' && (
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-sm" color="red" variant="light" onClick={() => setDeciding({ request, decision: 'complete' })}>
                          {t('erasure.complete')}
                        </Button>
                        <Button size="compact-sm" variant="default" onClick={() => setDeciding({ request, decision: 'reject' })}>
                          {t('erasure.reject')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {deciding && <DecisionModal request={deciding.request} decision={deciding.decision} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}
