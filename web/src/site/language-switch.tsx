import { SegmentedControl } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../shared/i18n';
import type { Locale } from '../shared/types';
import classes from './site.module.css';

/** Ukrainian or English: a labelled radio group; each language is named in itself. */
export function LanguageSwitch({ fullWidth = false }: { fullWidth?: boolean }): ReactNode {
  const { t, i18n } = useTranslation('common');
  return (
    <SegmentedControl
      aria-label={t('language')}
      size="xs"
      fullWidth={fullWidth}
      classNames={{ input: classes.segmentInput }}
      value={i18n.language === 'en' ? 'en' : 'uk'}
      onChange={(value) => setLanguage(value as Locale)}
      data={[
        { value: 'uk', label: <span lang="uk">{t('languages.uk')}</span> },
        { value: 'en', label: <span lang="en">{t('languages.en')}</span> },
      ]}
    />
  );
}
