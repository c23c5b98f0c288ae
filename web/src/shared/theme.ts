import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Calm, readable, and AA contrast (4.5:1) for text on white: teal 9, not 8 (3.9:1).
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 6 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'md',
  focusRing: 'always',
  headings: { fontWeight: '650' },
});

/** Mantine's default dimmed grey (3.3:1) and error red (3.6:1) fall short of AA on white. */
export const accessibleColors: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-teal-light-color': '#066a4c',
  },
  dark: {},
});
