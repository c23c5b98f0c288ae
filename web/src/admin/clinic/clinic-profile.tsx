import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import type { Locale } from '../../shared/types';
import type { AdminClinic } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { fieldProblems, notifyDone, notifyFailed, notifyProblem } from '../lib/notify';
import { useScheduleWords } from '../specialists/schedule-panel';
import { weeklyProblems } from '../specialists/schedule-rules';
import { WeeklyEditor } from '../specialists/weekly-editor';

type Draft = Pick<AdminClinic, 'name' | 'address' | 'phone' | 'email' | 'about' | 'defaultLocale' | 'openingHours'>;
const FIELDS = ['name', 'address', 'phone', 'email', 'about', 'defaultLocale', 'openingHours'] as const;

export function ClinicProfile({ clinic }: { clinic: AdminClinic }): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const words = useScheduleWords();
  const initial: Draft = { name: clinic.name, address: clinic.address, phone: clinic.phone, email: clinic.email, about: clinic.about, defaultLocale: clinic.defaultLocale, openingHours: clinic.openingHours };
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(field: K, value: Draft[K]): void => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== field && !key.startsWith(`${field}.`))));
  };
  const save = useMutation({
    mutationFn: (body: Partial<Draft>) => api.patch<AdminClinic>('/api/admin/clinic', body),
    onSuccess: (saved) => {
      client.setQueryData(['admin', 'clinic'], saved);
      void client.invalidateQueries({ queryKey: ['admin', 'clinic-public'] });
      notifyDone(t('clinic.saved'));
    },
    onError: (error) => {
      setErrors(fieldProblems(error));
      notifyFailed(error);
    },
  });
  const submit = (): void => {
    const problems: Record<string, string> = weeklyProblems(draft.openingHours, words);
    if (!draft.name.trim()) problems.name = t('form.required');
    if (draft.phone.trim() && !/^[+0-9 ()-]{5,40}$/.test(draft.phone.trim())) problems.phone = t('form.phoneInvalid');
    if (draft.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) problems.email = t('form.emailInvalid');
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      notifyProblem(t('schedule.fixFirst'));
      return;
    }
    const body: Partial<Draft> = {};
    const trimmed: Draft = { ...draft, name: draft.name.trim(), phone: draft.phone.trim(), email: draft.email.trim() };
    for (const field of FIELDS) if (JSON.stringify(trimmed[field]) !== JSON.stringify(initial[field])) Object.assign(body, { [field]: trimmed[field] });
    if (Object.keys(body).length === 0) {
      notifyDone(t('contact.nothingChanged'));
      return;
    }
    save.mutate(body);
  };
  const problemCount = Object.values(errors).filter(Boolean).length;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('clinic.profile')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('clinic.fields.name')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} maxLength={200} />
              <TextInput label={t('clinic.fields.address')} value={draft.address} onChange={(e) => set('address', e.currentTarget.value)} error={errors.address} maxLength={500} />
              <TextInput label={t('fields.phone')} type="tel" value={draft.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.phone} />
              <TextInput label={t('fields.email')} type="email" value={draft.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} />
              <Select
                label={t('clinic.fields.defaultLocale')}
                description={t('clinic.localeHint')}
                value={draft.defaultLocale}
                onChange={(value) => value && set('defaultLocale', value as Locale)}
                allowDeselect={false}
                data={[
                  { value: 'uk', label: t('languages.uk', { ns: 'common' }) },
                  { value: 'en', label: t('languages.en', { ns: 'common' }) },
                ]}
              />
              <TextInput label={t('clinic.fields.timezone')} value={clinic.timezone} readOnly description={t('clinic.timezoneHint')} />
            </SimpleGrid>
            <Textarea label={t('clinic.fields.about')} value={draft.about} onChange={(e) => set('about', e.currentTarget.value)} error={errors.about} autosize minRows={4} maxLength={10000} />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb={4}>
            {t('clinic.hours')}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('clinic.hoursHint', { zone })}
          </Text>
          <WeeklyEditor weekly={draft.openingHours} onChange={(weekly) => set('openingHours', weekly)} errors={errors} prefix="openingHours" max={6} closedText={t('clinic.closed')} />
        </Paper>
        {problemCount > 0 && (
          <Alert color="red" role="alert">
            {t('schedule.problems', { count: problemCount })}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {clinic.updatedAt ? t('clinic.updated', { when: formatDateTime(clinic.updatedAt, zone) }) : t('clinic.neverSaved')}
          </Text>
          <Button type="submit" loading={save.isPending}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
