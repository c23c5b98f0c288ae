import { Alert, Box, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { LoadingState } from '../shared/states';
import type { ThreadMessage } from '../shared/types';
import { useClinic, useSendMessage, useThread } from './portal-api';
import { isSignedOut, PortalError, signInPath } from './portal-auth';
import { upperFirst } from './portal-format';
import classes from './portal.module.css';
import { PageTitle } from './page-title';

const MAX_CHARS = 5000;

function MessageItem({ message, timezone, clinicName }: { message: ThreadMessage; timezone: string; clinicName: string }): ReactNode {
  const { t } = useTranslation('portal');
  const fromClinic = message.authorType === 'staff';
  const author = fromClinic ? t('messages.fromClinic', { clinic: clinicName, name: message.authorName ?? clinicName }) : t('messages.fromYou');
  return (
    <Box component="li" style={{ display: 'flex', justifyContent: fromClinic ? 'flex-start' : 'flex-end' }}>
      <Paper
        withBorder
        p="sm"
        maw={{ base: '92%', sm: '75%' }}
        bg={fromClinic ? 'teal.0' : 'gray.0'}
        style={{ borderColor: fromClinic ? 'var(--mantine-color-teal-3)' : undefined }}
      >
        <Text size="sm" fw={700} c={fromClinic ? 'teal.9' : 'dark.8'}>
          {author}
        </Text>
        <Text className={classes.messageBody}>{message.body}</Text>
        <Text size="xs" c="gray.7" mt={4} component="time" dateTime={message.createdAt} display="block">
          {upperFirst(formatDateTime(message.createdAt, timezone))}
        </Text>
      </Paper>
    </Box>
  );
}

/** The client's one thread with the clinic, oldest first, and a box to write. */
export function MessagesPage(): ReactNode {
  const { t } = useTranslation('portal');
  useDocumentTitle(t('messages.documentTitle'));
  const navigate = useNavigate();
  const clinic = useClinic();
  const thread = useThread();
  const send = useSendMessage();
  const field = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!body.trim()) {
      setEmpty(true);
      field.current?.focus();
      return;
    }
    setEmpty(false);
    send.mutate(body, {
      onSuccess: () => setBody(''),
      onError: (error) => {
        if (isSignedOut(error)) navigate(signInPath({ pathname: '/portal/messages', search: '' }));
      },
    });
  };

  const sendError = send.error instanceof ApiError && send.error.status > 0 && send.error.status < 500 ? send.error.message : send.error ? t('common:errors.generic') : null;

  let list: ReactNode;
  if (thread.isError && !thread.data) list = <PortalError error={thread.error} onRetry={() => void thread.refetch()} />;
  else if (clinic.isError) list = <PortalError error={clinic.error} onRetry={() => void clinic.refetch()} />;
  else if (!thread.data || !clinic.data) list = <LoadingState />;
  else if (thread.data.length === 0) list = <Text>{t('messages.empty')}</Text>;
  else {
    list = (
      <Box component="ol" className={classes.thread} aria-label={t('messages.threadLabel')} aria-live="polite" aria-relevant="additions">
        {thread.data.map((message) => (
          <MessageItem key={message.id} message={message} timezone={clinic.data.timezone} clinicName={clinic.data.name} />
        ))}
      </Box>
    );
  }

  return (
    <Stack gap="lg">
      <div>
        <PageTitle>{t('messages.title')}</PageTitle>
        <Text c="gray.7">{t('messages.intro')}</Text>
      </div>
      {list}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea
            ref={field}
            label={t('messages.label')}
            value={body}
            onChange={(event) => {
              setBody(event.currentTarget.value);
              if (empty) setEmpty(false);
            }}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={MAX_CHARS}
            error={empty ? t('messages.emptyError') : undefined}
            description={body.length > MAX_CHARS - 500 ? t('messages.charsLeft', { count: MAX_CHARS - body.length }) : undefined}
          />
          {sendError && (
            <Alert color="red" role="alert">
              {sendError}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={send.isPending}>
              {t('messages.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
