import { Alert, Button, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from './page-header';

export function NotFoundPage(): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Stack maw={520}>
      <PageHeader title={t('errors.notFoundTitle', { ns: 'common' })} />
      <Alert color="gray" role="note">{t('errors.notFound', { ns: 'common' })}</Alert>
      <Button component={Link} to="/admin" variant="light" w="fit-content">
        {t('nav.today')}
      </Button>
    </Stack>
  );
}
