import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailStatus } from '../lib/admin-types';

const COLORS: Record<EmailStatus, string> = { queued: 'yellow', sent: 'teal', failed: 'red' };

export function EmailStatusBadge({ status }: { status: EmailStatus }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm">
      {t(`email.status.${status}`)}
    </Badge>
  );
}
