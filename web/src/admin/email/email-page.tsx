import { Stack, Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useIsAdmin } from '../auth/session';
import { PageHeader } from '../layout/page-header';
import { OutboxPanel } from './outbox-panel';
import { TemplatesPanel } from './templates-panel';

export function EmailPage(): ReactNode {
  const { t } = useTranslation('admin');
  const isAdmin = useIsAdmin();
  const [params, setParams] = useSearchParams();
  const tab = isAdmin && params.get('tab') === 'templates' ? 'templates' : 'outbox';
  return (
    <Stack>
      <PageHeader title={t('nav.email')} />
      <Tabs value={tab} onChange={(value) => setParams(value === 'templates' ? { tab: 'templates' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="outbox">{t('email.outbox.title')}</Tabs.Tab>
          {isAdmin && <Tabs.Tab value="templates">{t('templates.title')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="outbox">
          <OutboxPanel />
        </Tabs.Panel>
        {isAdmin && (
          <Tabs.Panel value="templates">
            <TemplatesPanel />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
