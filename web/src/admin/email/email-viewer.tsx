import { Alert, Badge, Code, Group, ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import { AdminModal } from '../layout/admin-modal';
import type { OutboxEmailDetail } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { EmailStatusBadge } from './email-status';

/** An e-mail as the client gets it. Its HTML is shown in a sandboxed frame: no scripts, no access to the console. */
export function EmailViewer({ emailId, onClose }: { emailId: string | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <AdminModal opened={emailId !== null} onClose={onClose} size="xl" title={t('email.viewer.title')}>
      {emailId && <EmailBody id={emailId} />}
    </AdminModal>
  );
}

function EmailBody({ id }: { id: string }): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const query = useQuery({ queryKey: ['admin', 'outbox', 'one', id], queryFn: () => api.get<OutboxEmailDetail>(`/api/admin/outbox/${id}`) });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const email = query.data;
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <EmailStatusBadge status={email.status} />
        {email.hasInvite && <Badge variant="outline">{t('email.outbox.invite', { method: email.invite?.method ?? '' })}</Badge>}
        <Text size="sm" c="dimmed">
          {t(`email.transport.${email.transport ?? 'none'}`)} · {t('email.outbox.attempts', { count: email.attempts })}
        </Text>
      </Group>
      <Text size="sm">
        <b>{t('email.viewer.to')}:</b> {email.toName} &lt;{email.to}&gt;
      </Text>
      <Text size="sm">
        <b>{t('email.viewer.subject')}:</b> {email.subject}
      </Text>
      <Text size="xs" c="dimmed">
        {t('email.viewer.created', { when: formatDateTime(email.createdAt, zone) })}
        {email.sentAt && ` · ${t('email.viewer.sent', { when: formatDateTime(email.sentAt, zone) })}`}
      </Text>
      {email.lastError && (
        <Alert color="red" role="note" title={t('email.viewer.error')}>
          {email.lastError}
        </Alert>
      )}
      <Tabs defaultValue="html" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="html">HTML</Tabs.Tab>
          <Tabs.Tab value="text">{t('email.viewer.text')}</Tabs.Tab>
          {email.invite && <Tabs.Tab value="invite">{t('email.viewer.inviteTab')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="html" pt="xs">
          <iframe title={t('email.viewer.htmlFrame')} sandbox="" srcDoc={email.html} style={{ width: '100%', height: 480, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }} />
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="xs">
          <ScrollArea h={480}>
            <Code block>{email.text}</Code>
          </ScrollArea>
        </Tabs.Panel>
        {email.invite && (
          <Tabs.Panel value="invite" pt="xs">
            <ScrollArea h={480}>
              <Code block>{email.invite.content}</Code>
            </ScrollArea>
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
