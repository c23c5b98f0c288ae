import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import './shared/i18n';
import { ApiError } from './shared/api';
import { LoadingState, RouteError } from './shared/states';
import { accessibleColors, theme } from './shared/theme';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// Three areas, each its own bundle: the site's first visit loads neither the portal nor the console.
const router = createBrowserRouter([
  { path: '/admin/*', lazy: async () => ({ Component: (await import('./admin/admin-app')).AdminApp }), errorElement: <RouteError />, HydrateFallback: LoadingState },
  { path: '/portal/*', lazy: async () => ({ Component: (await import('./portal/portal-app')).PortalApp }), errorElement: <RouteError />, HydrateFallback: LoadingState },
  { path: '/*', lazy: async () => ({ Component: (await import('./site/site-app')).SiteApp }), errorElement: <RouteError />, HydrateFallback: LoadingState },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={accessibleColors}>
      <Notifications position="top-center" />
      <QueryClientProvider client={queries}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
