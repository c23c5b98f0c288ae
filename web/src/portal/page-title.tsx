import { Title } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './portal.module.css';

/** The page's one h1: smaller on a phone, where a long Ukrainian title would fill the screen. */
export function PageTitle({ children }: { children: ReactNode }): ReactNode {
  return (
    <Title order={1} fz={{ base: 26, sm: 32 }}>
      {children}
    </Title>
  );
}

/** For buttons whose label may be longer than a 360px screen is wide. */
export const wrappingButton = { root: classes.wrapRoot, label: classes.wrapLabel };
