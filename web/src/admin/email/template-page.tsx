import type { ReactNode } from 'react';

export function TemplatePage(): ReactNode {
  return null;
}
