import { Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, query } from '../../shared/api';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Page } from '../../shared/types';
import type { OutboxEmail } from '../lib/admin-types';
import { OutboxTable } from './outbox-table';
import { ListFooter } from '../lib/list-footer';
import { ExportButton } from '../lib/export-button';

export function OutboxPanel(): ReactNode {
  const { t } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const change = (key: string, value: string): void =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const search = useDebouncedCallback((value: string) => change('q', value.trim()), 350);
  const list = useInfiniteQuery({
    queryKey: ['admin', 'outbox', 'list', status, q],
    queryFn: ({ pageParam }) => api.get<Page<OutboxEmail>>(`/api/admin/outbox${query({ status, q, cursor: pageParam, limit: 50 })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 30_000,
  });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('email.outbox.description')}
      </Text>
      <Group align="flex-end">
        <Select
          label={t('fields.status')}
          data={[
            { value: '', label: t('email.outbox.anyStatus') },
            { value: 'queued', label: t('email.status.queued') },
            { value: 'sent', label: t('email.status.sent') },
            { value: 'failed', label: t('email.status.failed') },
          ]}
          value={status}
          onChange={(value) => change('status', value ?? '')}
          allowDeselect={false}
          w={180}
        />
        <TextInput
          label={t('filters.search')}
          placeholder={t('email.outbox.searchHint')}
          type="search"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            search(e.currentTarget.value);
          }}
          w={300}
        />
        <ExportButton path="/api/admin/outbox/export.csv" params={{ status, q }} />
      </Group>
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <Paper withBorder p="xs">
          <OutboxTable emails={rows} />
        </Paper>
      )}
      {list.data && (
        <ListFooter shown={rows.length} list={list} />
      )}
    </Stack>
  );
}
