import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The foot of every paged console list: how many rows are shown, and "Load more" while there are. */
export function ListFooter({ shown, list }: { shown: number; list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('list.shown', { count: shown })}
      </Text>
      {list.hasNextPage && (
        <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('list.loadMore')}
        </Button>
      )}
    </Group>
  );
}
