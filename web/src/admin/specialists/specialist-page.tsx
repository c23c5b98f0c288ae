import type { ReactNode } from 'react';

export function SpecialistPage(): ReactNode {
  return null;
}
