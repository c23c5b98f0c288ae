import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../../shared/types';

/** One colour per status, the same on every screen and in the calendar. */
export const STATUS_COLORS: Record<AppointmentStatus, string> = {
  unconfirmed: 'yellow',
  confirmed: 'orange',
  booked: 'teal',
  completed: 'green',
  no_show: 'red',
  cancelled: 'gray',
  expired: 'dark',
};

/** The same colours as hex, for the calendar (which is not a Mantine component). */
export const STATUS_HEX: Record<AppointmentStatus, string> = {
  unconfirmed: '#f08c00',
  confirmed: '#e8590c',
  booked: '#087f5b',
  completed: '#2b8a3e',
  no_show: '#c92a2a',
  cancelled: '#868e96',
  expired: '#495057',
};

export function StatusBadge({ status }: { status: AppointmentStatus }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm">
      {t(`status.${status}`)}
    </Badge>
  );
}
