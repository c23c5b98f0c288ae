import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const OUTCOMES = ['changed', 'used', 'expired', 'taken', 'unknown'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** The outcome of an e-mail change link (`?email=changed|used|expired|taken`), in words. */
export function EmailChangeNotice({ outcome }: { outcome: string | null }): ReactNode {
  const { t } = useTranslation('portal');
  if (!outcome || !(OUTCOMES as readonly string[]).includes(outcome)) return null;
  const known = outcome as Outcome;
  return (
    <Alert color={known === 'changed' ? 'teal' : 'red'} title={t(`emailChange.${known}.title`)} role={known === 'changed' ? 'status' : 'alert'}>
      {t(`emailChange.${known}.text`)}
    </Alert>
  );
}
