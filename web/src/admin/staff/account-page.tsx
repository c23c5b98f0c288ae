import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../auth/session';
import { PageHeader } from '../layout/page-header';
import { MySessions } from './my-sessions';

export function AccountPage(): ReactNode {
  const { t } = useTranslation('admin');
  const me = useStaff();
  return (
    <Stack maw={1000}>
      <PageHeader title={t('shell.mySessions')} description={`${me.name} · ${me.email} · ${t(`roles.${me.role}`)}`} />
      <MySessions />
    </Stack>
  );
}
