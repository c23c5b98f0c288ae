import { Alert, Anchor, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../shared/api';
import { EmailChangeNotice } from './email-change-notice';
import { useMe, useRequestSignInLink } from './portal-api';
import { rememberNext, safeNext } from './portal-auth';
import { PortalFrame } from './portal-frame';
import { PageTitle, wrappingButton } from './page-title';

const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Asks for the e-mail address and sends a sign-in link; says the same whether or not it is known. */
export function SignInPage(): ReactNode {
  const { t } = useTranslation('portal');
  useDocumentTitle(t('signIn.documentTitle'));
  const field = useRef<HTMLInputElement>(null);
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe({ retry: false });
  const request = useRequestSignInLink();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sentBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sentTo) sentBox.current?.focus();
  }, [sentTo]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const address = email.trim();
    if (!PLAUSIBLE_EMAIL.test(address)) {
      setInvalid(true);
      field.current?.focus();
      return;
    }
    setInvalid(false);
    request.mutate(address, {
      onSuccess: () => {
        rememberNext(next);
        setSentTo(address);
      },
    });
  };

  const failure = request.error;
  const failureText =
    failure instanceof ApiError && failure.status === 429 ? t('signIn.tooMany') : failure instanceof ApiError && failure.status > 0 && failure.status < 500 ? failure.message : t('common:errors.generic');

  return (
    <PortalFrame>
      <Stack gap="lg" maw={520} mx="auto">
        <PageTitle>{t('signIn.title')}</PageTitle>
        <EmailChangeNotice outcome={params.get('email')} />
        {me.isSuccess && (
          <Alert color="teal" title={t('signIn.alreadyTitle')}>
            <Anchor component={Link} to={next}>
              {t('signIn.alreadyLink')}
            </Anchor>
          </Alert>
        )}
        {sentTo ? (
          <Alert ref={sentBox} tabIndex={-1} color="teal" title={t('signIn.sentTitle')} role="status">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t('signIn.sentText', { email: sentTo })}</Text>
              <Text size="sm">{t('signIn.sentHelp')}</Text>
              <Button classNames={wrappingButton}
                variant="light"
                onClick={() => {
                  request.reset();
                  setSentTo(null);
                }}
              >
                {t('signIn.again')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                <Text>{t('signIn.intro')}</Text>
                <TextInput
                  ref={field}
                  label={t('signIn.email')}
                  type="email"
                  autoComplete="email"
                  inputMode="email"
                  required
                  value={email}
                  onChange={(event) => {
                    setEmail(event.currentTarget.value);
                    if (invalid) setInvalid(false);
                  }}
                  error={invalid ? t('signIn.invalidEmail') : undefined}
                />
                {failure && (
                  <Alert color="red" role="alert">
                    {failureText}
                  </Alert>
                )}
                <Button classNames={wrappingButton} type="submit" loading={request.isPending}>
                  {t('signIn.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
        <Text size="sm">
          {t('signIn.noAccount')}{' '}
          <Anchor component={Link} to="/book">
            {t('common:nav.book')}
          </Anchor>
        </Text>
      </Stack>
    </PortalFrame>
  );
}
