// Who read or changed which record, when and from where: the audit log, newest first (admins only).
import { Alert, Anchor, Autocomplete, Button, Code, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Page } from '../../shared/types';
import { PageHeader } from '../layout/page-header';
import type { AuditEntry, AuditVerdict, StaffAccount } from '../lib/admin-types';
import { useCalendarProps } from '../lib/calendar-props';
import { useZone } from '../lib/clinic-zone';
import { notifyFailed } from '../lib/notify';
import { keys } from '../lib/queries';
import { ListFooter } from '../lib/list-footer';
import { ExportButton } from '../lib/export-button';

const RECORD_TYPES = ['contact', 'booking', 'specialist', 'clinic', 'review', 'award', 'staff', 'email_template', 'outbox_message', 'erasure_request', 'audit_entry', 'staff_user', 'audit_log'];

function RecordLink({ entry }: { entry: AuditEntry }): ReactNode {
  if (!entry.recordId) return <Text size="sm">{entry.recordType}</Text>;
  const to = entry.recordType === 'contact' ? `/admin/contacts/${entry.recordId}` : entry.recordType === 'booking' ? `/admin/appointments/${entry.recordId}` : null;
  return (
    <Text size="sm">
      {entry.recordType}{' '}
      {to ? (
        <Anchor component={Link} to={to} size="xs" ff="monospace">
          {entry.recordId.slice(0, 8)}
        </Anchor>
      ) : (
        <Text span size="xs" ff="monospace" c="dimmed">
          {entry.recordId.slice(0, 8)}
        </Text>
      )}
    </Text>
  );
}

function Verify(): ReactNode {
  const { t } = useTranslation('admin');
  const verify = useMutation({ mutationFn: () => api.get<AuditVerdict>('/api/admin/audit/verify'), onError: (error) => notifyFailed(error) });
  return (
    <Stack gap={6} align="flex-end">
      <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
        {t('audit.verify')}
      </Button>
      {verify.data && (
        <Alert color={verify.data.ok ? 'teal' : 'red'} role="status" maw={520}>
          {verify.data.ok ? t('audit.intact', { count: verify.data.count }) : t('audit.broken', { id: verify.data.brokenAt ?? '?', reason: verify.data.reason ?? '' })}
        </Alert>
      )}
    </Stack>
  );
}

export function AuditPage(): ReactNode {
  const { t } = useTranslation('admin');
  const calendarProps = useCalendarProps();
  const zone = useZone();
  const [action, setAction] = useState('');
  const [recordType, setRecordType] = useState('');
  const [recordId, setRecordId] = useState('');
  const [actorId, setActorId] = useState<string | null>(null);
  const [dates, setDates] = useState<[string | null, string | null]>([null, null]);
  const [filters] = useDebouncedValue({ action: action.trim(), recordType: recordType.trim(), recordId: recordId.trim(), actorId, from: dates[0], to: dates[1] }, 350);
  const staff = useQuery({ queryKey: keys.staff, queryFn: async () => (await api.get<{ items: StaffAccount[] }>('/api/admin/staff')).items });
  const list = useInfiniteQuery({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ pageParam }) => api.get<Page<AuditEntry>>(`/api/admin/audit${query({ ...filters, cursor: pageParam, limit: 50 })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <PageHeader title={t('nav.audit')} description={t('audit.description')} actions={
          <>
            <ExportButton path="/api/admin/audit/export.csv" params={filters} />
            <Verify />
          </>
        }
      />
      <Group align="flex-end" gap="sm">
        <TextInput label={t('audit.action')} placeholder="contact, booking.approve…" value={action} onChange={(e) => setAction(e.currentTarget.value)} w={200} description={t('audit.actionHint')} />
        <Autocomplete label={t('audit.recordType')} data={RECORD_TYPES} value={recordType} onChange={setRecordType} w={170} description=" " />
        <TextInput label={t('audit.recordId')} value={recordId} onChange={(e) => setRecordId(e.currentTarget.value)} w={220} description=" " />
        <Select
          label={t('audit.who')}
          placeholder={t('audit.anyone')}
          data={(staff.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.email})` }))}
          value={actorId}
          onChange={setActorId}
          clearable
          searchable
          w={240}
          description=" "
        />
        <DatePickerInput {...calendarProps} type="range" label={t('filters.dates')} placeholder={t('filters.anyDate')} value={dates} onChange={setDates} clearable allowSingleDateInRange w={240} description=" " />
      </Group>
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing={4} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('audit.when')}</Table.Th>
                  <Table.Th>{t('audit.who')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.record')}</Table.Th>
                  <Table.Th>IP</Table.Th>
                  <Table.Th>{t('audit.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {entry.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(entry.at, zone)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{entry.actor.label}</Text>
                      <Text size="xs" c="dimmed">
                        {t(`actor.${entry.actor.type}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{entry.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      <RecordLink entry={entry} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{entry.ip ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Text size="xs" ff="monospace" c="dimmed" lineClamp={2} title={JSON.stringify(entry.details)}>
                        {[entry.details.method, entry.details.route, entry.details.status].filter(Boolean).join(' ')}
                        {entry.details.query ? ` ${JSON.stringify(entry.details.query)}` : ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {rows.length === 0 && (
            <Text c="dimmed" p="md">
              {t('audit.none')}
            </Text>
          )}
        </Paper>
      )}
      {list.data && (
        <ListFooter shown={rows.length} list={list} />
      )}
    </Stack>
  );
}
