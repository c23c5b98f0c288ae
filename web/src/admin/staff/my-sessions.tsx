import { Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { StaffSession } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { notifyDone, notifyFailed } from '../lib/notify';

/** A short name for a browser from its user-agent string. */
function browserOf(userAgent: string | null): string {
  if (!userAgent) return '—';
  const known = [/Edg\/[\d.]+/, /Firefox\/[\d.]+/, /Chrome\/[\d.]+/, /Version\/[\d.]+ Safari/];
  const os = /Windows|Mac OS X|Android|iPhone|iPad|Linux/.exec(userAgent)?.[0] ?? '';
  const browser = known.map((pattern) => pattern.exec(userAgent)?.[0]).find(Boolean) ?? userAgent.slice(0, 40);
  return `${browser.replace(/\/([\d]+)[\d.]*/, ' $1')}${os ? ` · ${os}` : ''}`;
}

export function MySessions(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['admin', 'sessions'], queryFn: async () => (await api.get<{ items: StaffSession[] }>('/api/auth/sessions')).items });
  const end = useMutation({
    mutationFn: (session: StaffSession) => api.delete(`/api/auth/sessions/${session.id}`),
    onSuccess: () => {
      notifyDone(t('sessions.ended'));
      void client.invalidateQueries({ queryKey: ['admin', 'sessions'] });
    },
    onError: (error) => notifyFailed(error),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sessions-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="sessions-title">
          {t('shell.mySessions')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sessions.description')}
        </Text>
        {list.isPending && <LoadingState />}
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sessions.device')}</Table.Th>
                  <Table.Th>IP</Table.Th>
                  <Table.Th>{t('sessions.started')}</Table.Th>
                  <Table.Th>{t('sessions.lastSeen')}</Table.Th>
                  <Table.Th>{t('sessions.expires')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((session) => (
                  <Table.Tr key={session.id}>
                    <Table.Td>
                      <Text size="sm" title={session.userAgent ?? undefined}>
                        {browserOf(session.userAgent)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{session.ip ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(session.createdAt, zone)}</Table.Td>
                    <Table.Td>{formatDateTime(session.lastSeenAt, zone)}</Table.Td>
                    <Table.Td>{formatDateTime(session.expiresAt, zone)}</Table.Td>
                    <Table.Td>
                      {session.current ? (
                        <Badge variant="light">{t('sessions.thisOne')}</Badge>
                      ) : (
                        <Button size="compact-sm" variant="light" color="red" loading={end.isPending && end.variables?.id === session.id} onClick={() => end.mutate(session)}>
                          {t('sessions.end')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
