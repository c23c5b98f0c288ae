import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../shared/types';

// The colour is a hint only (the words say it); the text stays near-black for AA contrast.
const colors: Record<AppointmentStatus, string> = {
  unconfirmed: 'yellow',
  confirmed: 'blue',
  booked: 'teal',
  completed: 'gray',
  no_show: 'orange',
  cancelled: 'red',
  expired: 'gray',
};

export function StatusBadge({ status }: { status: AppointmentStatus }): ReactNode {
  const { t } = useTranslation('portal');
  return (
    <Badge variant="light" color={colors[status] ?? 'gray'} size="lg" styles={{ label: { color: 'var(--mantine-color-dark-8)' } }}>
      {t(`status.${status}`)}
    </Badge>
  );
}
