import { Anchor, Button, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import type { OutboxEmail } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { notifyDone, notifyFailed } from '../lib/notify';
import { EmailStatusBadge } from './email-status';
import { EmailViewer } from './email-viewer';

/** E-mails with their state; a failed one can be sent again, any can be opened. */
export function OutboxTable({ emails, showRecipient = true }: { emails: OutboxEmail[]; showRecipient?: boolean }): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const [viewing, setViewing] = useState<string | null>(null);
  const retry = useMutation({
    mutationFn: (email: OutboxEmail) => api.post<OutboxEmail>(`/api/admin/outbox/${email.id}/retry`),
    onSuccess: (email) => {
      notifyDone(t('email.outbox.retried', { to: email.to }));
      void client.invalidateQueries({ queryKey: ['admin', 'outbox'] });
    },
    onError: (error) => notifyFailed(error),
  });
  if (emails.length === 0) return <Text c="dimmed" size="sm">{t('email.outbox.none')}</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={4} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('email.outbox.subject')}</Table.Th>
              {showRecipient && <Table.Th>{t('email.viewer.to')}</Table.Th>}
              <Table.Th>{t('fields.status')}</Table.Th>
              <Table.Th>{t('email.outbox.created')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {emails.map((email) => (
              <Table.Tr key={email.id}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => setViewing(email.id)} ta="left">
                    {email.subject}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`templates.${email.templateKey}`, { defaultValue: email.templateKey })}
                    {email.hasInvite ? ` · ${t('email.outbox.withInvite')}` : ''}
                  </Text>
                  {email.lastError && (
                    <Text size="xs" c="red.8" lineClamp={2}>
                      {email.lastError}
                    </Text>
                  )}
                </Table.Td>
                {showRecipient && (
                  <Table.Td>
                    <Text size="sm">{email.toName}</Text>
                    <Text size="xs" c="dimmed">
                      {email.to}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <EmailStatusBadge status={email.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(email.createdAt, zone)}</Text>
                </Table.Td>
                <Table.Td>
                  {email.status === 'failed' && (
                    <Button size="compact-sm" variant="light" loading={retry.isPending && retry.variables?.id === email.id} onClick={() => retry.mutate(email)}>
                      {t('email.outbox.retry')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <EmailViewer emailId={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
