import { Anchor, Badge, Button, Group, Paper, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Contact, Page } from '../../shared/types';
import { PageHeader } from '../layout/page-header';
import { useZone } from '../lib/clinic-zone';
import { ExportButton } from '../lib/export-button';
import { keys } from '../lib/queries';
import { ContactImportModal } from './contact-import-modal';
import { ErasureRequests } from './erasure-requests';
import { ListFooter } from '../lib/list-footer';

function ContactList(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const search = useDebouncedCallback((value: string) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value.trim()) next.set('q', value.trim());
      else next.delete('q');
      return next;
    }, { replace: true });
  }, 350);
  const list = useInfiniteQuery({
    queryKey: [...keys.contacts, 'list', q],
    queryFn: ({ pageParam }) => api.get<Page<Contact>>(`/api/admin/contacts${query({ q, cursor: pageParam, limit: 50 })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const [importing, setImporting] = useState(false);
  // The server makes the file (every matching contact, streamed) and names it.

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('filters.search')}
          placeholder={t('filters.searchHint')}
          type="search"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            search(e.currentTarget.value);
          }}
          w={320}
        />
        <Group gap="xs">
          <Button variant="default" onClick={() => setImporting(true)}>
            {t('import.open')}
          </Button>
          <ExportButton path="/api/admin/contacts/export.csv" params={{ q }} />
        </Group>
      </Group>
      <ContactImportModal opened={importing} onClose={() => setImporting(false)} />
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover striped verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th>{t('fields.email')}</Table.Th>
                  <Table.Th>{t('fields.phone')}</Table.Th>
                  <Table.Th>{t('fields.lifecycle')}</Table.Th>
                  <Table.Th>{t('fields.tags')}</Table.Th>
                  <Table.Th>{t('csv.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((contact) => (
                  <Table.Tr key={contact.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/contacts/${contact.id}`} size="sm" fw={600}>
                        {contact.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{contact.email}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{contact.phone ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={contact.lifecycle === 'client' ? 'teal' : 'gray'}>
                        {t(`lifecycle.${contact.lifecycle}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {contact.tags.map((tag) => (
                          <Badge key={tag} variant="outline" size="sm" tt="none">
                            {tag}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(contact.createdAt, zone)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {rows.length === 0 && (
            <Text c="dimmed" p="md">
              {t('contacts.none')}
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

export function ContactsPage(): ReactNode {
  const { t } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'erasure' ? 'erasure' : 'contacts';
  return (
    <Stack>
      <PageHeader title={t('nav.contacts')} description={t('contacts.description')} />
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === 'erasure' ? { tab: 'erasure' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="contacts">{t('contacts.all')}</Tabs.Tab>
          <Tabs.Tab value="erasure">{t('erasure.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contacts">
          <ContactList />
        </Tabs.Panel>
        <Tabs.Panel value="erasure">
          <ErasureRequests />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
