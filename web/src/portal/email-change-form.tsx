import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../shared/api';
import type { Profile } from '../shared/types';
import { useChangeEmail } from './portal-api';
import { isSignedOut, signInPath } from './portal-auth';
import { wrappingButton } from './page-title';

const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A new address takes effect only when its owner opens the link sent to it; the page says so. */
export function EmailChangeForm({ profile }: { profile: Profile }): ReactNode {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const change = useChangeEmail();
  const field = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const address = email.trim();
    if (!PLAUSIBLE_EMAIL.test(address)) {
      setInvalid(true);
      field.current?.focus();
      return;
    }
    setInvalid(false);
    change.mutate(address, {
      onSuccess: () => {
        setSentTo(address);
        setEmail('');
      },
      onError: (error) => {
        if (isSignedOut(error)) navigate(signInPath({ pathname: '/portal/profile', search: '' }));
      },
    });
  };

  const error = change.error;
  const errorText =
    error instanceof ApiError && error.code === 'same_email'
      ? t('profile.emailSame')
      : error instanceof ApiError && error.code === 'already_exists'
        ? t('profile.emailTaken')
        : error instanceof ApiError && error.status > 0 && error.status < 500
          ? error.message
          : t('common:errors.generic');

  return (
    <Stack gap="md">
      <Text>{t('profile.currentEmail', { email: profile.email })}</Text>
      {sentTo && (
        <Alert color="teal" role="status" title={t('profile.emailSentTitle')}>
          {t('profile.emailSent', { email: sentTo, current: profile.email })}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            ref={field}
            label={t('profile.newEmail')}
            description={t('profile.newEmailHint')}
            type="email"
            autoComplete="email"
            inputMode="email"
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              if (invalid) setInvalid(false);
            }}
            error={invalid ? t('signIn.invalidEmail') : undefined}
            maxLength={254}
          />
          {error && (
            <Alert color="red" role="alert">
              {errorText}
            </Alert>
          )}
          <Group>
            <Button classNames={wrappingButton} type="submit" variant="light" loading={change.isPending}>
              {t('profile.sendConfirmation')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
