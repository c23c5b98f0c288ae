// One client's thread with the clinic, oldest first, and the box to answer in. Opening it marks
// the client's messages as read (the server does that when it serves them).
import { Alert, Button, Group, Paper, ScrollArea, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { StaffThreadMessage } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { notifyDone, problemText } from '../lib/notify';
import { keys } from '../lib/queries';
import { fetchAllPages } from '../lib/paging';

const MAX_CHARS = 5000;

export function MessageThread({ contactId, contactName, height = 360 }: { contactId: string; contactName: string; height?: number }): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const viewport = useRef<HTMLDivElement>(null);
  const thread = useQuery({
    queryKey: keys.thread(contactId),
    queryFn: async () => {
      const all = await fetchAllPages<StaffThreadMessage>(`/api/admin/contacts/${contactId}/messages`, {}, 2000);
      // Reading marks the client's messages read: the inbox's counts change.
      void client.invalidateQueries({ queryKey: keys.inbox });
      return all.items;
    },
  });
  const send = useMutation({
    mutationFn: () => api.post<StaffThreadMessage>(`/api/admin/contacts/${contactId}/messages`, { body: body.trim() }),
    onSuccess: () => {
      setBody('');
      notifyDone(t('messages.sent', { name: contactName }));
      void client.invalidateQueries({ queryKey: keys.thread(contactId) });
      void client.invalidateQueries({ queryKey: keys.inbox });
      void client.invalidateQueries({ queryKey: keys.timeline(contactId) });
    },
  });
  const count = thread.data?.length ?? 0;
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [count]);

  return (
    <Stack gap="sm">
      {thread.isPending && <LoadingState />}
      {thread.isError && <ErrorState error={thread.error} onRetry={() => void thread.refetch()} />}
      {thread.data && (
        <ScrollArea.Autosize mah={height} viewportRef={viewport} type="auto">
          <Stack gap="xs" pr="sm" role="log" aria-label={t('messages.threadWith', { name: contactName })}>
            {thread.data.length === 0 && <Text c="dimmed" size="sm">{t('messages.empty')}</Text>}
            {thread.data.map((message) => {
              const fromClient = message.authorType === 'client';
              return (
                <Paper
                  key={message.id}
                  p="xs"
                  radius="md"
                  withBorder
                  bg={fromClient ? 'gray.0' : 'teal.0'}
                  ml={fromClient ? 0 : 'xl'}
                  mr={fromClient ? 'xl' : 0}
                >
                  <Group justify="space-between" gap="xs" mb={2}>
                    <Text size="xs" fw={700}>
                      {fromClient ? message.authorName ?? contactName : t('messages.fromClinic', { name: message.authorName ?? t('actor.staff') })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(message.createdAt, zone)}
                    </Text>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {message.body}
                  </Text>
                  {!fromClient && (
                    <Text size="xs" c="dimmed" ta="right">
                      {message.readByClientAt ? t('messages.readByClient', { when: formatDateTime(message.readByClientAt, zone) }) : t('messages.notReadYet')}
                    </Text>
                  )}
                </Paper>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (body.trim() && !send.isPending) send.mutate();
        }}
      >
        <Stack gap={6}>
          <Textarea
            label={t('messages.reply')}
            description={t('messages.replyNote')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={MAX_CHARS}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && body.trim()) {
                event.preventDefault();
                send.mutate();
              }
            }}
          />
          {send.isError && (
            <Alert color="red" role="alert">
              {problemText(send.error)}
            </Alert>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('messages.shortcut')} · {body.length}/{MAX_CHARS}
            </Text>
            <Button type="submit" loading={send.isPending} disabled={!body.trim()}>
              {t('messages.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
