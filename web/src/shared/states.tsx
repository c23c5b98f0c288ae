import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError } from './api';

/** What every page shows while it loads: never a blank screen. */
export function LoadingState({ label }: { label?: string }): ReactNode {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader />
        <Text c="dimmed">{label ?? t('loading')}</Text>
      </Stack>
    </Center>
  );
}

/** A failure in words a patient understands, with a way to try again; never a raw error. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }): ReactNode {
  const { t } = useTranslation();
  const message = error instanceof ApiError && error.status > 0 && error.status < 500 ? error.message : t('errors.generic');
  return (
    <Alert color="red" title={t('errors.title')} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text>{message}</Text>
        {onRetry && (
          <Button variant="light" color="red" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function RouteError(): ReactNode {
  const error = useRouteError();
  const { t } = useTranslation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Center p="xl">
      <Stack maw={480}>
        <Alert color={notFound ? 'gray' : 'red'} title={notFound ? t('errors.notFoundTitle') : t('errors.title')} role="alert">
          {notFound ? t('errors.notFound') : t('errors.generic')}
        </Alert>
        <Button component="a" href="/">
          {t('nav.home')}
        </Button>
      </Stack>
    </Center>
  );
}
