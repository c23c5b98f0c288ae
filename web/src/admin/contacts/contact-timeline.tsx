import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../shared/api';
import { ErrorState, LoadingState } from '../../shared/states';
import type { TimelineEntry } from '../lib/admin-types';
import { keys } from '../lib/queries';
import { TimelineList } from './timeline-list';
import { ExportButton } from '../lib/export-button';

const KINDS = ['booking', 'email', 'contact', 'message'] as const;
const PAGE = 100;

/** The contact's steps, newest first, filtered by kind, older ones on request. */
export function ContactTimeline({ contactId }: { contactId: string }): ReactNode {
  const { t } = useTranslation('admin');
  const [kinds, setKinds] = useState<string[]>([]);
  const list = useInfiniteQuery({
    queryKey: [...keys.timeline(contactId), kinds],
    queryFn: ({ pageParam }) =>
      api.get<{ items: TimelineEntry[] }>(`/api/admin/contacts/${contactId}/timeline${query({ kind: kinds.join(','), before: pageParam, limit: PAGE })}`),
    initialPageParam: null as string | null,
    // The API pages by id: a full page means there may be older entries.
    getNextPageParam: (last) => (last.items.length === PAGE ? (last.items[last.items.length - 1]?.id ?? null) : null),
  });
  const entries = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="timeline-title">
            {t('contact.timeline')}
          </Title>
          <ExportButton path={`/api/admin/contacts/${contactId}/timeline/export.csv`} params={{ kind: kinds.join(',') }} size="compact-sm" describedBy="timeline-title" />
        </Group>
        <Group gap={4} role="group" aria-label={t('contact.timelineFilter')}>
          {(['', ...KINDS] as const).map((kind) => {
            const pressed = (kinds[0] ?? '') === kind;
            return (
              <Button key={kind || 'all'} size="compact-xs" variant={pressed ? 'filled' : 'default'} aria-pressed={pressed} onClick={() => setKinds(kind ? [kind] : [])}>
                {kind ? t(`contact.kinds.${kind}`) : t('contact.kinds.all')}
              </Button>
            );
          })}
        </Group>
        {list.isPending && <LoadingState />}
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && (entries.length ? <TimelineList entries={entries} /> : <Text c="dimmed">{t('contact.timelineEmpty')}</Text>)}
        {list.hasNextPage && (
          <Button variant="light" size="xs" w="fit-content" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('contact.older')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
