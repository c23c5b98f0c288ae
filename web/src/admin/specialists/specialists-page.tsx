import { Anchor, Avatar, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../shared/states';
import { useIsAdmin } from '../auth/session';
import { PageHeader } from '../layout/page-header';
import { useSpecialists } from '../lib/queries';
import { ExportButton } from '../lib/export-button';

export function SpecialistsPage(): ReactNode {
  const { t } = useTranslation('admin');
  const isAdmin = useIsAdmin();
  const list = useSpecialists();
  return (
    <Stack>
      <PageHeader
        title={t('nav.specialists')}
        description={isAdmin ? t('specialists.description') : t('specialists.readOnly')}
        actions={
          <>
            <ExportButton path="/api/admin/specialists/export.csv" />
            {isAdmin && (
              <Button component={Link} to="/admin/specialists/new">
                {t('specialists.add')}
              </Button>
            )}
          </>
        }
      />
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th>{t('specialists.fields.specialty')}</Table.Th>
                  <Table.Th>{t('specialists.fields.consultationMinutes')}</Table.Th>
                  <Table.Th>{t('specialists.fields.bufferMinutes')}</Table.Th>
                  <Table.Th>{t('specialists.fields.minNoticeMinutes')}</Table.Th>
                  <Table.Th>{t('specialists.fields.horizonDays')}</Table.Th>
                  <Table.Th>{t('specialists.fields.active')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <Avatar src={s.photoUrl} alt="" radius="xl" size="sm">
                          {s.name.slice(0, 1)}
                        </Avatar>
                        <Anchor component={Link} to={`/admin/specialists/${s.id}`} fw={600} size="sm">
                          {s.name}
                        </Anchor>
                      </Group>
                    </Table.Td>
                    <Table.Td>{s.specialty}</Table.Td>
                    <Table.Td>{t('specialists.min', { count: s.consultationMinutes })}</Table.Td>
                    <Table.Td>{t('specialists.min', { count: s.bufferMinutes })}</Table.Td>
                    <Table.Td>{t('specialists.min', { count: s.minNoticeMinutes })}</Table.Td>
                    <Table.Td>{t('specialists.days', { count: s.horizonDays })}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={s.active ? 'teal' : 'gray'}>
                        {s.active ? t('specialists.activeYes') : t('specialists.activeNo')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.data.length === 0 && (
            <Text c="dimmed" p="md">
              {t('specialists.none')}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}
