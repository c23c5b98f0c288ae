import type { ReactNode } from 'react';

export function StaffPage(): ReactNode {
  return null;
}
