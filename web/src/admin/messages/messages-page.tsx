import { Anchor, Badge, Button, Grid, Group, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, query } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Page } from '../../shared/types';
import { PageHeader } from '../layout/page-header';
import type { InboxItem } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { keys } from '../lib/queries';
import { MessageThread } from './message-thread';
import { ExportButton } from '../lib/export-button';

export function MessagesPage(): ReactNode {
  const { contactId } = useParams();
  const { t } = useTranslation('admin');
  const zone = useZone();
  const inbox = useInfiniteQuery({
    queryKey: [...keys.inbox, 'list'],
    queryFn: ({ pageParam }) => api.get<Page<InboxItem>>(`/api/admin/inbox${query({ cursor: pageParam, limit: 50 })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 60_000,
  });
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const open = items.find((item) => item.contactId === contactId);
  const unanswered = items.filter((item) => item.unanswered).length;

  return (
    <Stack>
      <PageHeader title={t('nav.messages')} description={t('messages.description', { count: unanswered })} actions={<ExportButton path="/api/admin/inbox/export.csv" label={t('messages.exportInbox')} />} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Paper withBorder p="xs" component="section" aria-labelledby="inbox-title">
            <Title order={2} size="h5" id="inbox-title" px="xs" mb="xs">
              {t('messages.inbox')}
            </Title>
            {inbox.isPending && <LoadingState />}
            {inbox.isError && <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />}
            {inbox.data && items.length === 0 && (
              <Text c="dimmed" p="xs">
                {t('messages.inboxEmpty')}
              </Text>
            )}
            <Stack gap={2}>
              {items.map((item) => (
                <NavLink
                  key={item.contactId}
                  component={Link}
                  to={`/admin/messages/${item.contactId}`}
                  active={item.contactId === contactId}
                  aria-current={item.contactId === contactId ? 'true' : undefined}
                  label={
                    <Group justify="space-between" gap={4} wrap="nowrap">
                      <Text size="sm" fw={item.unanswered ? 700 : 500} lineClamp={1}>
                        {item.contactName}
                      </Text>
                      {item.unanswered && (
                        <Badge size="xs" color="orange">
                          {item.unreadCount > 0 ? t('messages.unread', { count: item.unreadCount }) : t('messages.unanswered')}
                        </Badge>
                      )}
                    </Group>
                  }
                  description={
                    <>
                      <Text size="xs" lineClamp={1} component="span" display="block">
                        {item.lastAuthor === 'staff' ? `${t('messages.you')}: ` : ''}
                        {item.lastMessagePreview}
                      </Text>
                      <Text size="xs" c="dimmed" component="span">
                        {formatDateTime(item.lastMessageAt, zone)}
                      </Text>
                    </>
                  }
                />
              ))}
            </Stack>
            {inbox.hasNextPage && (
              <Button variant="subtle" size="xs" fullWidth mt="xs" onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
                {t('list.loadMore')}
              </Button>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="thread-title">
            {contactId ? (
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={2} size="h4" id="thread-title">
                    {open?.contactName ?? t('messages.thread')}
                  </Title>
                  <Group gap="sm">
                    <ExportButton path={`/api/admin/contacts/${contactId}/messages/export.csv`} size="compact-sm" describedBy="thread-title" />
                    <Anchor component={Link} to={`/admin/contacts/${contactId}`} size="sm">
                      {t('messages.openContact')}
                    </Anchor>
                  </Group>
                </Group>
                {open && (
                  <Text size="xs" c="dimmed">
                    {open.contactEmail}
                  </Text>
                )}
                <MessageThread key={contactId} contactId={contactId} contactName={open?.contactName ?? ''} height={480} />
              </Stack>
            ) : (
              <Text c="dimmed" id="thread-title">
                {t('messages.pick')}
              </Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
