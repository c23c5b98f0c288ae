import type { ReactNode } from 'react';

export function SpecialistsPage(): ReactNode {
  return null;
}
