import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailStatus } from '../lib/admin-types';

// A status is short: show it whole rather than cut it to "SE…" in a narrow column.
const NO_TRUNCATION = { root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } };

const COLORS: Record<EmailStatus, string> = { queued: 'yellow', sent: 'teal', failed: 'red' };

export function EmailStatusBadge({ status }: { status: EmailStatus }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Badge color={COLORS[status]} variant="dot" radius="sm" tt="none" fz="xs" styles={NO_TRUNCATION}>
      {t(`email.status.${status}`)}
    </Badge>
  );
}
