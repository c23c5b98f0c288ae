import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { TemplateSummary } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { ExportButton } from '../lib/export-button';

export function TemplatesPanel(): ReactNode {
  const { t, i18n } = useTranslation('admin');
  const zone = useZone();
  const list = useQuery({
    queryKey: ['admin', 'templates'],
    queryFn: async () => (await api.get<{ items: TemplateSummary[] }>('/api/admin/email-templates')).items,
  });
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const keysInOrder = [...new Set(list.data.map((item) => item.key))];
  const lang = i18n.language === 'en' ? 'en' : 'uk';
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          {t('templates.description')}
        </Text>
        <ExportButton path="/api/admin/email-templates/export.csv" />
      </Group>
      <Paper withBorder>
        <Table verticalSpacing={8} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('templates.message')}</Table.Th>
              <Table.Th>{t('templates.subjects')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keysInOrder.map((key) => {
              const versions = list.data.filter((item) => item.key === key);
              const mine = versions.find((v) => v.locale === lang) ?? versions[0];
              return (
                <Table.Tr key={key}>
                  <Table.Td maw={380}>
                    <Anchor component={Link} to={`/admin/email/templates/${key}`} fw={600} size="sm">
                      {t(`templates.${key}`, { defaultValue: key })}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {mine?.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      {versions.map((version) => (
                        <Group key={version.locale} gap={6} wrap="nowrap">
                          <Badge size="xs" variant="outline" w={34}>
                            {version.locale}
                          </Badge>
                          <Text size="sm" lineClamp={1}>
                            {version.subject}
                          </Text>
                          {version.customised && (
                            <Badge size="xs" color="grape" variant="light" title={version.updatedAt ? formatDateTime(version.updatedAt, zone) : undefined}>
                              {t('templates.customised')}
                            </Badge>
                          )}
                        </Group>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
