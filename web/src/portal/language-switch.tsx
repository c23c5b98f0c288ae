import { NativeSelect } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../shared/i18n';
import type { Locale } from '../shared/types';

/** Switches the page's language only; the profile's language also decides the e-mails. */
export function LanguageSwitch(): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      size="xs"
      label={t('language')}
      labelProps={{ style: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } }}
      value={i18n.language}
      onChange={(event) => setLanguage(event.currentTarget.value as Locale)}
      data={[
        { value: 'uk', label: t('languages.uk') },
        { value: 'en', label: t('languages.en') },
      ]}
    />
  );
}
