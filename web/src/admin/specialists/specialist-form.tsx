import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../shared/api';
import type { Specialist } from '../../shared/types';
import { fieldProblems, notifyDone, notifyFailed } from '../lib/notify';
import { keys } from '../lib/queries';

type Draft = Omit<Specialist, 'id' | 'photoUrl'> & { photoUrl: string };
type NumberField = 'consultationMinutes' | 'bufferMinutes' | 'minNoticeMinutes' | 'horizonDays';

const LIMITS: Record<NumberField, [number, number]> = {
  consultationMinutes: [5, 480],
  bufferMinutes: [0, 240],
  minNoticeMinutes: [0, 43200],
  horizonDays: [1, 730],
};

const EMPTY: Draft = { name: '', specialty: '', bio: '', photoUrl: '', consultationMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 120, horizonDays: 90, active: true };

function draftOf(specialist: Specialist | null): Draft {
  if (!specialist) return EMPTY;
  const { id: _id, photoUrl, ...rest } = specialist;
  return { ...rest, photoUrl: photoUrl ?? '' };
}

export function SpecialistForm({ specialist, readOnly }: { specialist: Specialist | null; readOnly: boolean }): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => draftOf(specialist));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(field: K, value: Draft[K]): void => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: '' }));
  };

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      specialist ? api.patch<Specialist>(`/api/admin/specialists/${specialist.id}`, body) : api.post<Specialist>('/api/admin/specialists', body),
    onSuccess: (saved) => {
      notifyDone(specialist ? t('specialists.saved', { name: saved.name }) : t('specialists.added', { name: saved.name }));
      void client.invalidateQueries({ queryKey: keys.specialists });
      if (!specialist) void navigate(`/admin/specialists/${saved.id}`, { replace: true });
    },
    onError: (error) => {
      setErrors(fieldProblems(error));
      notifyFailed(error);
    },
  });

  const submit = (): void => {
    const problems: Record<string, string> = {};
    if (!draft.name.trim()) problems.name = t('form.required');
    if (!draft.specialty.trim()) problems.specialty = t('form.required');
    if (draft.photoUrl.trim() && !/^(https?:\/\/|\/)\S+$/.test(draft.photoUrl.trim())) problems.photoUrl = t('specialists.photoInvalid');
    for (const [field, [min, max]] of Object.entries(LIMITS) as Array<[NumberField, [number, number]]>) {
      const value = draft[field];
      if (!Number.isInteger(value) || value < min || value > max) problems[field] = t('specialists.range', { min, max });
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const body: Record<string, unknown> = {
      ...draft,
      name: draft.name.trim(),
      specialty: draft.specialty.trim(),
      photoUrl: draft.photoUrl.trim() || null,
    };
    if (specialist) {
      const before = draftOf(specialist) as unknown as Record<string, unknown>;
      const beforeBody: Record<string, unknown> = { ...before, photoUrl: specialist.photoUrl };
      for (const key of Object.keys(body)) if (JSON.stringify(body[key]) === JSON.stringify(beforeBody[key])) delete body[key];
      if (Object.keys(body).length === 0) {
        notifyDone(t('contact.nothingChanged'));
        return;
      }
    }
    save.mutate(body);
  };

  const numberInput = (field: NumberField, description?: string): ReactNode => (
    <NumberInput
      label={t(`specialists.fields.${field}`)}
      description={description}
      value={draft[field]}
      onChange={(value) => set(field, typeof value === 'number' ? value : Number.NaN)}
      min={LIMITS[field][0]}
      max={LIMITS[field][1]}
      allowDecimal={false}
      error={errors[field]}
      disabled={readOnly}
    />
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="specialist-form-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="specialist-form-title">
            {t('specialists.profile')}
          </Title>
          <TextInput label={t('fields.name')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} maxLength={200} disabled={readOnly} />
          <TextInput label={t('specialists.fields.specialty')} value={draft.specialty} onChange={(e) => set('specialty', e.currentTarget.value)} error={errors.specialty} maxLength={200} disabled={readOnly} />
          <Textarea label={t('specialists.fields.bio')} value={draft.bio} onChange={(e) => set('bio', e.currentTarget.value)} error={errors.bio} maxLength={5000} autosize minRows={3} disabled={readOnly} />
          <TextInput label={t('specialists.fields.photoUrl')} description={t('specialists.photoHint')} value={draft.photoUrl} onChange={(e) => set('photoUrl', e.currentTarget.value)} error={errors.photoUrl} disabled={readOnly} />
          <SimpleGrid cols={2} spacing="sm">
            {numberInput('consultationMinutes')}
            {numberInput('bufferMinutes', t('specialists.bufferHint'))}
            {numberInput('minNoticeMinutes', t('specialists.noticeHint'))}
            {numberInput('horizonDays', t('specialists.horizonHint'))}
          </SimpleGrid>
          <Switch label={t('specialists.fields.active')} description={t('specialists.activeHint')} checked={draft.active} onChange={(e) => set('active', e.currentTarget.checked)} disabled={readOnly} />
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('form.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
