// A contact's personal data as staff edit it. Only what changed is sent; the server records
// who changed what on the contact's timeline.
import { Button, Group, Paper, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { Contact, Locale } from '../../shared/types';
import { useCalendarProps } from '../lib/calendar-props';
import { clinicToday } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { fieldProblems, notifyDone, notifyFailed } from '../lib/notify';
import { keys } from '../lib/queries';

interface Draft {
  name: string;
  email: string;
  phone: string;
  dateOfBirth: string | null;
  notes: string;
  locale: Locale;
  lifecycle: Contact['lifecycle'];
  tags: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+0-9 ()-]{5,40}$/;

function draftOf(contact: Contact): Draft {
  return {
    name: contact.name,
    email: contact.email,
    phone: contact.phone ?? '',
    dateOfBirth: contact.dateOfBirth,
    notes: contact.notes,
    locale: contact.locale,
    lifecycle: contact.lifecycle,
    tags: contact.tags,
  };
}

/** What is wrong with a draft, field by field, in the console's language. Pure apart from `t`. */
export function contactProblems(draft: Draft, today: string, t: (key: string) => string): Partial<Record<keyof Draft, string>> {
  const problems: Partial<Record<keyof Draft, string>> = {};
  if (!draft.name.trim()) problems.name = t('form.required');
  else if (draft.name.trim().length > 200) problems.name = t('form.tooLong');
  if (!draft.email.trim()) problems.email = t('form.required');
  else if (!EMAIL.test(draft.email.trim())) problems.email = t('form.emailInvalid');
  if (draft.phone.trim() && !PHONE.test(draft.phone.trim())) problems.phone = t('form.phoneInvalid');
  if (draft.dateOfBirth && draft.dateOfBirth > today) problems.dateOfBirth = t('form.dateInFuture');
  if (draft.tags.some((tag) => tag.includes(',') || tag.trim().length > 60)) problems.tags = t('form.tagInvalid');
  return problems;
}

/** The fields that differ from the saved contact, as the PATCH body. */
function changesOf(draft: Draft, contact: Contact): Record<string, unknown> {
  const saved = draftOf(contact);
  const changes: Record<string, unknown> = {};
  if (draft.name.trim() !== saved.name) changes.name = draft.name.trim();
  if (draft.email.trim() !== saved.email) changes.email = draft.email.trim();
  if (draft.phone.trim() !== saved.phone) changes.phone = draft.phone.trim() || null;
  if (draft.dateOfBirth !== saved.dateOfBirth) changes.dateOfBirth = draft.dateOfBirth;
  if (draft.notes !== saved.notes) changes.notes = draft.notes;
  if (draft.locale !== saved.locale) changes.locale = draft.locale;
  if (draft.lifecycle !== saved.lifecycle) changes.lifecycle = draft.lifecycle;
  const tags = [...new Set(draft.tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))].sort();
  if (JSON.stringify(tags) !== JSON.stringify([...saved.tags].sort())) changes.tags = tags;
  return changes;
}

export function ContactForm({ contact }: { contact: Contact }): ReactNode {
  const { t } = useTranslation('admin');
  const calendarProps = useCalendarProps();
  const zone = useZone();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(contact));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(field: K, value: Draft[K]): void => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: '' }));
  };

  const save = useMutation({
    mutationFn: (changes: Record<string, unknown>) => api.patch<Contact>(`/api/admin/contacts/${contact.id}`, changes),
    onSuccess: (saved, changes) => {
      client.setQueryData(keys.contact(contact.id), saved);
      setDraft(draftOf(saved));
      notifyDone(t('contact.saved', { fields: Object.keys(changes).map((f) => t(`fields.${f}`)).join(', ') }));
      void client.invalidateQueries({ queryKey: keys.timeline(contact.id) });
      void client.invalidateQueries({ queryKey: keys.contacts });
    },
    onError: (error) => {
      const fields = fieldProblems(error);
      const mapped: Record<string, string> = {};
      for (const [field, message] of Object.entries(fields)) mapped[field.split('.')[0] ?? field] = message;
      setErrors(mapped);
      notifyFailed(error);
    },
  });

  const submit = (): void => {
    const problems = contactProblems(draft, clinicToday(zone), t);
    setErrors(problems as Record<string, string>);
    if (Object.keys(problems).length > 0) return;
    const changes = changesOf(draft, contact);
    if (Object.keys(changes).length === 0) {
      notifyDone(t('contact.nothingChanged'));
      return;
    }
    save.mutate(changes);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="personal-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="personal-title">
            {t('contact.personal')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('fields.name')} required withAsterisk={false} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name || undefined} maxLength={200} />
            <TextInput label={t('fields.email')} required withAsterisk={false} type="email" value={draft.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email || undefined} />
            <TextInput label={t('fields.phone')} type="tel" value={draft.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.phone || undefined} placeholder="+380 67 123 45 67" />
            <DateInput
              {...calendarProps}
              label={t('fields.dateOfBirth')}
              value={draft.dateOfBirth}
              onChange={(value) => set('dateOfBirth', value)}
              clearable
              maxDate={clinicToday(zone)}
              error={errors.dateOfBirth || undefined}
              defaultLevel={draft.dateOfBirth ? 'month' : 'decade'}
            />
            <Select
              label={t('fields.locale')}
              value={draft.locale}
              onChange={(value) => value && set('locale', value as Locale)}
              data={[
                { value: 'uk', label: t('languages.uk', { ns: 'common' }) },
                { value: 'en', label: t('languages.en', { ns: 'common' }) },
              ]}
              allowDeselect={false}
            />
            <Select
              label={t('fields.lifecycle')}
              value={draft.lifecycle}
              onChange={(value) => value && set('lifecycle', value as Contact['lifecycle'])}
              data={[
                { value: 'lead', label: t('lifecycle.lead') },
                { value: 'client', label: t('lifecycle.client') },
              ]}
              allowDeselect={false}
            />
          </SimpleGrid>
          <TagsInput label={t('fields.tags')} description={t('contact.tagsHint')} value={draft.tags} onChange={(value) => set('tags', value)} error={errors.tags || undefined} clearable />
          <Textarea label={t('fields.notes')} value={draft.notes} onChange={(e) => set('notes', e.currentTarget.value)} autosize minRows={3} maxLength={10000} error={errors.notes || undefined} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => { setDraft(draftOf(contact)); setErrors({}); }} disabled={save.isPending}>
              {t('form.reset')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
