// A template draft rendered with the message's sample data, as the server renders it: nothing is
// saved or sent. Re-rendered a moment after each change.
import { Alert, Badge, Group, Loader, Paper, SegmentedControl, ScrollArea, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import type { Locale } from '../../shared/types';
import type { RenderedTemplate } from '../lib/admin-types';
import { problemText } from '../lib/notify';

export interface TemplateDraft {
  subject: string;
  html: string;
  text: string;
}

export function TemplatePreview({ templateKey, locale, draft }: { templateKey: string; locale: Locale; draft: TemplateDraft }): ReactNode {
  const { t } = useTranslation('admin');
  const [debounced] = useDebouncedValue(draft, 600);
  const [part, setPart] = useState<'html' | 'text'>('html');
  const preview = useQuery({
    queryKey: ['admin', 'template-preview', templateKey, locale, debounced],
    queryFn: () => api.post<RenderedTemplate>(`/api/admin/email-templates/${templateKey}/${locale}/preview`, debounced),
    placeholderData: (previous) => previous,
    retry: false,
  });
  const fields = preview.error instanceof ApiError ? preview.error.fields : {};
  // While a draft does not render, keep showing the last one that did (dimmed).
  const [lastGood, setLastGood] = useState<RenderedTemplate | undefined>(undefined);
  useEffect(() => {
    if (preview.data) setLastGood(preview.data);
  }, [preview.data]);
  const shown = preview.data ?? lastGood;
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('templates.previewIn', { language: t(`languages.${locale}`, { ns: 'common' }) })}>
      <Group justify="space-between" mb={6}>
        <Group gap={6}>
          <Badge variant="outline">{locale}</Badge>
          <Text size="sm" fw={600}>
            {t('templates.previewIn', { language: t(`languages.${locale}`, { ns: 'common' }) })}
          </Text>
          {preview.isFetching && <Loader size="xs" aria-label={t('loading', { ns: 'common' })} />}
        </Group>
        <SegmentedControl
          size="xs"
          value={part}
          onChange={(value) => setPart(value as 'html' | 'text')}
          data={[
            { value: 'html', label: 'HTML' },
            { value: 'text', label: t('email.viewer.text') },
          ]}
          aria-label={t('templates.previewPart')}
        />
      </Group>
      {preview.isError && (
        <Alert color="red" role="alert" mb={6} title={problemText(preview.error)}>
          {Object.entries(fields).map(([field, message]) => (
            <Text key={field} size="sm">
              {t(`templates.parts.${field}`, { defaultValue: field })}: {message}
            </Text>
          ))}
        </Alert>
      )}
      {shown && (
        <Stack gap={6} opacity={preview.isError ? 0.5 : 1}>
          <Text size="sm">
            <b>{t('email.viewer.subject')}:</b> {shown.subject}
          </Text>
          {part === 'html' ? (
            <iframe title={t('templates.previewIn', { language: locale })} sandbox="" srcDoc={shown.html} style={{ width: '100%', height: 420, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }} />
          ) : (
            <ScrollArea h={420}>
              <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap' }}>
                {shown.text}
              </Text>
            </ScrollArea>
          )}
        </Stack>
      )}
    </Paper>
  );
}
