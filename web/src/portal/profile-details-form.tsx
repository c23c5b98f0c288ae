import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../shared/api';
import { setLanguage } from '../shared/i18n';
import type { Locale, Profile } from '../shared/types';
import { useUpdateProfile, type ProfileChanges } from './portal-api';
import { isSignedOut, signInPath } from './portal-auth';

const PHONE = /^[+0-9 ()-]{5,40}$/;

/** Name, phone and preferred language; the language also switches this page at once. */
export function ProfileDetailsForm({ profile }: { profile: Profile }): ReactNode {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const update = useUpdateProfile();
  const [name, setName] = useState(profile.name);
  const [phone, setPhone] = useState(profile.phone ?? '');
  const [locale, setLocale] = useState<Locale>(profile.locale);
  const [errors, setErrors] = useState<{ name?: string; phone?: string }>({});

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const found: { name?: string; phone?: string } = {};
    if (!name.trim()) found.name = t('profile.nameRequired');
    if (phone.trim() && !PHONE.test(phone.trim())) found.phone = t('profile.phoneInvalid');
    setErrors(found);
    if (found.name || found.phone) return;
    const changes: ProfileChanges = {};
    if (name.trim() !== profile.name) changes.name = name.trim();
    const newPhone = phone.trim() || null;
    if (newPhone !== profile.phone) changes.phone = newPhone;
    if (locale !== profile.locale) changes.locale = locale;
    if (Object.keys(changes).length === 0) {
      notifications.show({ message: t('profile.nothingChanged') });
      return;
    }
    update.mutate(changes, {
      onSuccess: (saved) => {
        if (changes.locale) setLanguage(saved.locale);
        notifications.show({ color: 'teal', message: t('profile.saved', { lng: saved.locale }) });
      },
      onError: (error) => {
        if (isSignedOut(error)) navigate(signInPath({ pathname: '/portal/profile', search: '' }));
        else if (error instanceof ApiError) {
          setErrors({
            ...(error.fields.name ? { name: t('profile.nameRequired') } : {}),
            ...(error.fields.phone ? { phone: t('profile.phoneInvalid') } : {}),
          });
        }
      },
    });
  };

  const generalError = update.error && !(update.error instanceof ApiError && (update.error.fields.name || update.error.fields.phone));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t('profile.name')} autoComplete="name" required value={name} onChange={(event) => setName(event.currentTarget.value)} error={errors.name} maxLength={200} />
        <TextInput
          label={t('profile.phone')}
          description={t('profile.phoneHint')}
          type="tel"
          autoComplete="tel"
          value={phone}
          onChange={(event) => setPhone(event.currentTarget.value)}
          error={errors.phone}
          maxLength={40}
        />
        <NativeSelect
          label={t('profile.language')}
          description={t('profile.languageHint')}
          value={locale}
          onChange={(event) => setLocale(event.currentTarget.value as Locale)}
          data={[
            { value: 'uk', label: t('common:languages.uk') },
            { value: 'en', label: t('common:languages.en') },
          ]}
        />
        {generalError && (
          <Alert color="red" role="alert">
            {update.error instanceof ApiError && update.error.status > 0 && update.error.status < 500 ? update.error.message : t('common:errors.generic')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('profile.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
