import { Button, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from './page-title';

export function NotFoundPage({ title, text }: { title?: string; text?: string }): ReactNode {
  const { t } = useTranslation('common');
  const heading = title ?? t('errors.notFoundTitle');
  usePageTitle(heading);
  return (
    <Stack gap="md" maw={560} align="flex-start">
      <Title order={1}>{heading}</Title>
      <Text>{text ?? t('errors.notFound')}</Text>
      <Button component={Link} to="/">
        {t('nav.home')}
      </Button>
    </Stack>
  );
}
