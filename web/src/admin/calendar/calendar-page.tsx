import type { ReactNode } from 'react';

export function CalendarPage(): ReactNode {
  return null;
}
