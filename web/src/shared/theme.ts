import { createTheme } from '@mantine/core';

// Calm, readable, and AA contrast for text on white (teal 8 / gray 7 and darker).
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 6 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'md',
  focusRing: 'always',
  headings: { fontWeight: '650' },
});
