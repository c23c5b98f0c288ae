import { Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ErrorState, LoadingState } from '../../shared/states';
import { useStaff } from '../auth/session';
import { AdminModal } from '../layout/admin-modal';
import { PageHeader } from '../layout/page-header';
import type { StaffAccount } from '../lib/admin-types';
import { keys } from '../lib/queries';
import { MySessions } from './my-sessions';
import { StaffForm } from './staff-form';
import { ExportButton } from '../lib/export-button';

export function StaffPage(): ReactNode {
  const { t } = useTranslation('admin');
  const me = useStaff();
  const [editing, setEditing] = useState<StaffAccount | 'new' | null>(null);
  const list = useQuery({ queryKey: keys.staff, queryFn: async () => (await api.get<{ items: StaffAccount[] }>('/api/admin/staff')).items });
  return (
    <Stack maw={1100}>
      <PageHeader title={t('nav.staff')} description={t('staff.description')} actions={
          <>
            <ExportButton path="/api/admin/staff/export.csv" />
            <Button onClick={() => setEditing('new')}>{t('staff.add')}</Button>
          </>
        }
      />
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <Paper withBorder>
          <Table verticalSpacing={6} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('fields.email')}</Table.Th>
                <Table.Th>{t('staff.role')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((account) => (
                <Table.Tr key={account.id} c={account.active ? undefined : 'dimmed'}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {account.name}
                      {account.id === me.id && ` (${t('staff.you')})`}
                    </Text>
                  </Table.Td>
                  <Table.Td>{account.email}</Table.Td>
                  <Table.Td>{t(`roles.${account.role}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={account.active ? 'teal' : 'gray'}>
                      {account.active ? t('staff.isActive') : t('staff.isInactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(account)} aria-label={`${t('form.edit')}: ${account.name}`}>
                      {t('form.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <MySessions />
      <AdminModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('staff.add') : t('staff.edit')}>
        {editing !== null && <StaffForm account={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      </AdminModal>
    </Stack>
  );
}
