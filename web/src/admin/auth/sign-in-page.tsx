import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../shared/api';
import type { StaffMe } from '../../shared/types';
import { LanguageSwitch } from '../layout/admin-shell';
import { problemText } from '../lib/notify';
import { ME_KEY, safeNext } from './session';

export function SignInPage(): ReactNode {
  const { t } = useTranslation('admin');
  useDocumentTitle(`${t('signIn.title')} · ${t('console')}`);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    meta: { signIn: true },
    mutationFn: () => api.post<StaffMe>('/api/auth/login', { email: email.trim(), password }),
    onSuccess: (me) => {
      client.setQueryData(ME_KEY, me);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!signIn.isPending) signIn.mutate();
  };
  const error = signIn.error;
  const cameBack = params.get('next') !== null;

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={1} size="h3">
                {t('signIn.title')}
              </Title>
              <LanguageSwitch />
            </Group>
            <Text size="sm" c="dimmed">
              {cameBack ? t('signIn.sessionEnded') : t('signIn.intro')}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error instanceof ApiError && (error.status === 401 || error.status === 429 || error.status === 400) ? error.message : problemText(error)}
              </Alert>
            )}
            <TextInput label={t('signIn.email')} type="email" autoComplete="username" required withAsterisk={false} value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-autofocus autoFocus />
            <PasswordInput label={t('signIn.password')} autoComplete="current-password" required withAsterisk={false} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
