import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../../shared/types';

// A status is short: show it whole rather than cut it to "SE…" in a narrow column.
const NO_TRUNCATION = { root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } };

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

/** The same colours as hex, for the calendar and the week's chart (which are not Mantine components). */
export const STATUS_HEX: Record<AppointmentStatus, string> = {
  unconfirmed: '#fcc419',
  confirmed: '#c2410c',
  booked: '#087f5b',
  completed: '#237032',
  no_show: '#c92a2a',
  cancelled: '#adb5bd',
  expired: '#6c757d',
};

/** Text on those colours, dark where white would not be readable (WCAG AA). */
export const STATUS_TEXT: Record<AppointmentStatus, string> = {
  unconfirmed: '#212529',
  confirmed: '#ffffff',
  booked: '#ffffff',
  completed: '#ffffff',
  no_show: '#ffffff',
  cancelled: '#212529',
  expired: '#ffffff',
};

export function StatusBadge({ status }: { status: AppointmentStatus }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <Badge color={STATUS_COLORS[status]} variant="dot" radius="sm" tt="none" fz="xs" styles={NO_TRUNCATION}>
      {t(`status.${status}`)}
    </Badge>
  );
}
