import type { ReactNode } from 'react';

export function EmailPage(): ReactNode {
  return null;
}
