import type { ReactNode } from 'react';

export function ClinicPage(): ReactNode {
  return null;
}
