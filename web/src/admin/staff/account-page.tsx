import type { ReactNode } from 'react';

export function AccountPage(): ReactNode {
  return null;
}
