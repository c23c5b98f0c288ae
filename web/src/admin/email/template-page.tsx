import { Alert, Anchor, Badge, Button, Code, Grid, Group, Paper, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Locale } from '../../shared/types';
import { ConfirmDelete } from '../clinic/confirm-delete';
import { PageHeader } from '../layout/page-header';
import type { TemplateDetail } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { fieldProblems, notifyDone, notifyFailed } from '../lib/notify';
import { TemplatePreview, type TemplateDraft } from './template-preview';

const LOCALES: Locale[] = ['uk', 'en'];
const draftOf = (template: TemplateDetail): TemplateDraft => ({ subject: template.subject, html: template.html, text: template.text });
const same = (a: TemplateDraft, b: TemplateDraft): boolean => a.subject === b.subject && a.html === b.html && a.text === b.text;

function Editor({ templateKey, saved }: { templateKey: string; saved: Record<Locale, TemplateDetail> }): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const [editing, setEditing] = useState<Locale>('uk');
  const [drafts, setDrafts] = useState<Record<Locale, TemplateDraft>>({ uk: draftOf(saved.uk), en: draftOf(saved.en) });
  const [errors, setErrors] = useState<Record<Locale, Record<string, string>>>({ uk: {}, en: {} });
  const [resetting, setResetting] = useState<Locale | null>(null);
  const changed = LOCALES.filter((locale) => !same(drafts[locale], draftOf(saved[locale])));
  const template = saved[editing];
  const draft = drafts[editing];
  const set = (field: keyof TemplateDraft, value: string): void => setDrafts({ ...drafts, [editing]: { ...draft, [field]: value } });

  const save = useMutation({
    mutationFn: async (locales: Locale[]) => {
      for (const locale of locales) {
        try {
          await api.put<TemplateDetail>(`/api/admin/email-templates/${templateKey}/${locale}`, drafts[locale]);
        } catch (error) {
          setEditing(locale);
          throw Object.assign(error as Error, { locale });
        }
      }
    },
    onSuccess: (_, locales) => {
      setErrors({ uk: {}, en: {} });
      notifyDone(t('templates.saved', { languages: locales.join(', ') }));
      void client.invalidateQueries({ queryKey: ['admin', 'templates'] });
      void client.invalidateQueries({ queryKey: ['admin', 'template', templateKey] });
    },
    onError: (error: Error & { locale?: Locale }) => {
      if (error.locale) setErrors({ ...errors, [error.locale]: fieldProblems(error) });
      notifyFailed(error);
    },
  });

  const sendTest = useMutation({
    mutationFn: (locale: Locale) => api.post<{ emailId: string; to: string }>(`/api/admin/email-templates/${templateKey}/${locale}/test`, drafts[locale]),
    onSuccess: (sent, locale) => {
      setErrors({ ...errors, [locale]: {} });
      notifyDone(t('templates.testSent', { to: sent.to, language: t(`languages.${locale}`, { ns: 'common' }) }));
      void client.invalidateQueries({ queryKey: ['admin', 'outbox'] });
    },
    onError: (error: Error, locale) => {
      setErrors({ ...errors, [locale]: fieldProblems(error) });
      notifyFailed(error);
    },
  });

  return (
    <Grid gutter="md">
      <Grid.Col span={{ base: 12, xl: 6 }}>
        <Paper withBorder p="md">
          <SegmentedControl
            mb="sm"
            value={editing}
            onChange={(value) => setEditing(value as Locale)}
            aria-label={t('templates.editingLanguage')}
            data={LOCALES.map((locale) => ({
              value: locale,
              label: `${t(`languages.${locale}`, { ns: 'common' })}${changed.includes(locale) ? ` · ${t('templates.unsaved')}` : ''}`,
            }))}
          />
          <Stack gap="sm">
            <Group gap="xs">
              {template.customised ? (
                <Badge color="grape" variant="light">
                  {t('templates.customised')}
                </Badge>
              ) : (
                <Badge color="gray" variant="light">
                  {t('templates.default')}
                </Badge>
              )}
              {template.updatedAt && (
                <Text size="xs" c="dimmed">
                  {t('clinic.updated', { when: formatDateTime(template.updatedAt, zone) })}
                </Text>
              )}
            </Group>
            <TextInput label={t('templates.parts.subject')} value={draft.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={errors[editing].subject} maxLength={500} />
            <Textarea label={t('templates.parts.html')} description={t('templates.htmlHint')} value={draft.html} onChange={(e) => set('html', e.currentTarget.value)} error={errors[editing].html} autosize minRows={10} maxRows={24} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
            <Textarea label={t('templates.parts.text')} value={draft.text} onChange={(e) => set('text', e.currentTarget.value)} error={errors[editing].text} autosize minRows={6} maxRows={18} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} />
            <div>
              <Text size="sm" fw={500}>
                {t('templates.mergeFields')}
              </Text>
              <Group gap={4} mt={4}>
                {template.mergeFields.map((field) => (
                  <Code key={field}>{`{{ ${field} }}`}</Code>
                ))}
              </Group>
            </div>
            {save.isError && <Alert color="red">{t('templates.notSaved')}</Alert>}
            <Group justify="space-between">
              <Button variant="subtle" color="red" disabled={!template.customised} onClick={() => setResetting(editing)}>
                {t('templates.reset')}
              </Button>
              <Group gap="xs">
                <Button variant="light" loading={sendTest.isPending} onClick={() => sendTest.mutate(editing)}>
                  {t('templates.sendTest')}
                </Button>
                <Button variant="default" disabled={changed.length === 0} onClick={() => setDrafts({ uk: draftOf(saved.uk), en: draftOf(saved.en) })}>
                  {t('form.reset')}
                </Button>
                <Button loading={save.isPending} onClick={() => (changed.length ? save.mutate(changed) : notifyDone(t('contact.nothingChanged')))}>
                  {t('form.save')}
                </Button>
              </Group>
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 6 }}>
        <Stack gap="sm">
          {LOCALES.map((locale) => (
            <TemplatePreview key={locale} templateKey={templateKey} locale={locale} draft={drafts[locale]} />
          ))}
        </Stack>
      </Grid.Col>
      {resetting && (
        <ConfirmDelete
          title={t('templates.resetTitle')}
          question={t('templates.resetQuestion', { language: t(`languages.${resetting}`, { ns: 'common' }) })}
          onClose={() => setResetting(null)}
          confirmLabel={t('templates.reset')}
          onConfirm={async () => {
            await api.delete(`/api/admin/email-templates/${templateKey}/${resetting}`);
            notifyDone(t('templates.resetDone'));
            await client.invalidateQueries({ queryKey: ['admin', 'template', templateKey] });
            await client.invalidateQueries({ queryKey: ['admin', 'templates'] });
          }}
        />
      )}
    </Grid>
  );
}

export function TemplatePage(): ReactNode {
  const { key = '' } = useParams();
  const { t, i18n } = useTranslation('admin');
  const query = useQuery({
    queryKey: ['admin', 'template', key],
    queryFn: async (): Promise<Record<Locale, TemplateDetail>> => {
      const [uk, en] = await Promise.all(LOCALES.map((locale) => api.get<TemplateDetail>(`/api/admin/email-templates/${key}/${locale}`)));
      return { uk: uk!, en: en! };
    },
  });
  return (
    <Stack>
      <Anchor component={Link} to="/admin/email?tab=templates" size="sm">
        ← {t('templates.title')}
      </Anchor>
      <PageHeader title={t(`templates.${key}`, { defaultValue: key })} description={query.data?.[i18n.language === 'en' ? 'en' : 'uk'].description} />
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <Editor key={`${query.data.uk.updatedAt}-${query.data.en.updatedAt}`} templateKey={key} saved={query.data} />}
    </Stack>
  );
}
