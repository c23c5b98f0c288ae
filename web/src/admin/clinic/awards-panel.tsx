import { Alert, Button, Group, NumberInput, Paper, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { AdminModal } from '../layout/admin-modal';
import type { AdminAward, AdminClinic } from '../lib/admin-types';
import { fieldProblems, notifyDone, problemText } from '../lib/notify';
import { ConfirmDelete } from './confirm-delete';
import { ExportButton } from '../lib/export-button';

type Draft = { title: string; issuer: string; year: number | string; description: string; position: number | string };

function AwardForm({ award, nextPosition, onClose }: { award: AdminAward | null; nextPosition: number; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(
    award ? { title: award.title, issuer: award.issuer, year: award.year ?? '', description: award.description, position: award.position } : { title: '', issuer: '', year: '', description: '', position: nextPosition },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (award ? api.patch<AdminAward>(`/api/admin/awards/${award.id}`, body) : api.post<AdminAward>('/api/admin/awards', body)),
    onSuccess: (saved) => {
      notifyDone(t('clinic.awardSaved', { title: saved.title }));
      void client.invalidateQueries({ queryKey: ['admin', 'clinic'] });
      onClose();
    },
    onError: (error) => setErrors(fieldProblems(error)),
  });
  const submit = (): void => {
    const problems: Record<string, string> = {};
    if (!draft.title.trim()) problems.title = t('form.required');
    if (draft.year !== '' && (Number(draft.year) < 1900 || Number(draft.year) > 2200)) problems.year = t('specialists.range', { min: 1900, max: 2200 });
    setErrors(problems);
    if (Object.keys(problems).length) return;
    save.mutate({
      title: draft.title.trim(),
      issuer: draft.issuer.trim(),
      year: draft.year === '' ? null : Number(draft.year),
      description: draft.description.trim(),
      ...(draft.position !== '' ? { position: Number(draft.position) } : {}),
    });
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <TextInput label={t('clinic.award.title')} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} error={errors.title} maxLength={300} data-autofocus />
        <TextInput label={t('clinic.award.issuer')} value={draft.issuer} onChange={(e) => setDraft({ ...draft, issuer: e.currentTarget.value })} error={errors.issuer} maxLength={300} />
        <Group grow>
          <NumberInput label={t('clinic.award.year')} value={draft.year} onChange={(value) => setDraft({ ...draft, year: value })} min={1900} max={2200} allowDecimal={false} error={errors.year} />
          <NumberInput label={t('clinic.award.position')} description={t('clinic.award.positionHint')} value={draft.position} onChange={(value) => setDraft({ ...draft, position: value })} min={0} max={100000} allowDecimal={false} error={errors.position} />
        </Group>
        <Textarea label={t('clinic.award.description')} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} error={errors.description} maxLength={2000} autosize minRows={2} />
        {save.isError && (
          <Alert color="red" role="alert">
            {problemText(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.back')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AwardsPanel({ clinic }: { clinic: AdminClinic }): ReactNode {
  const { t } = useTranslation('admin');
  const client = useQueryClient();
  const [editing, setEditing] = useState<AdminAward | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AdminAward | null>(null);
  const awards = [...clinic.awards].sort((a, b) => a.position - b.position);
  const nextPosition = awards.length ? Math.max(...awards.map((a) => a.position)) + 10 : 0;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('clinic.awardsHint')}
        </Text>
        <Group gap="xs">
          <ExportButton path="/api/admin/awards/export.csv" />
          <Button onClick={() => setEditing('new')}>{t('clinic.award.add')}</Button>
        </Group>
      </Group>
      <Paper withBorder>
        {awards.length === 0 ? (
          <Text c="dimmed" p="md">
            {t('clinic.award.none')}
          </Text>
        ) : (
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clinic.award.title')}</Table.Th>
                <Table.Th>{t('clinic.award.issuer')}</Table.Th>
                <Table.Th>{t('clinic.award.year')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {awards.map((award) => (
                <Table.Tr key={award.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {award.title}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {award.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>{award.issuer}</Table.Td>
                  <Table.Td>{award.year ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(award)} aria-label={`${t('form.edit')}: ${award.title}`}>
                        {t('form.edit')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(award)} aria-label={`${t('form.delete')}: ${award.title}`}>
                        {t('form.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <AdminModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('clinic.award.add') : t('clinic.award.edit')}>
        {editing !== null && <AwardForm award={editing === 'new' ? null : editing} nextPosition={nextPosition} onClose={() => setEditing(null)} />}
      </AdminModal>
      {deleting && (
        <ConfirmDelete
          title={t('clinic.award.deleteTitle')}
          question={t('clinic.award.deleteQuestion', { title: deleting.title })}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.delete(`/api/admin/awards/${deleting.id}`);
            notifyDone(t('clinic.award.deleted', { title: deleting.title }));
            await client.invalidateQueries({ queryKey: ['admin', 'clinic'] });
          }}
        />
      )}
    </Stack>
  );
}
