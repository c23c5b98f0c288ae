import { Button, Group, Stack } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { ErrorState, LoadingState } from '../shared/states';
import { useMe, useSignOut } from './portal-api';
import { isSignedOut, SignInRedirect, takeRememberedNext } from './portal-auth';
import { PortalFrame } from './portal-frame';
import { PageTitle } from './page-title';

function NavItem({ to, end, also, children }: { to: string; end?: boolean; also?: string; children: ReactNode }): ReactNode {
  const here = useMatch({ path: to, end: end ?? false });
  const related = useMatch({ path: also ?? '/__none__', end: false });
  const active = here ?? (also ? related : null);
  return (
    <Button component={Link} to={to} variant={active ? 'light' : 'subtle'} size="compact-md" aria-current={here ? 'page' : active ? 'true' : undefined}>
      {children}
    </Button>
  );
}

export function SignOutButton({ prominent = false }: { prominent?: boolean }): ReactNode {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Button
      variant={prominent ? 'light' : 'subtle'}
      color="gray" c="dark.8"
      size={prominent ? 'md' : 'compact-md'}
      loading={signOut.isPending}
      onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/portal/sign-in', { replace: true }) })}
    >
      {t('nav.signOut')}
    </Button>
  );
}

function PortalNav(): ReactNode {
  const { t } = useTranslation('portal');
  return (
    <Group component="nav" aria-label={t('nav.label')} gap={4} mt="xs" wrap="wrap">
      <NavItem to="/portal" end also="/portal/appointments">
        {t('nav.appointments')}
      </NavItem>
      <NavItem to="/portal/messages">{t('nav.messages')}</NavItem>
      <NavItem to="/portal/profile">{t('nav.profile')}</NavItem>
      <Button component={Link} to="/book" variant="subtle" size="compact-md">
        {t('nav.book')}
      </Button>
      <SignOutButton />
    </Group>
  );
}

/** Every signed-in page: checks the session once, then shows the page inside the frame. */
export function PortalLayout(): ReactNode {
  const { t } = useTranslation('portal');
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const signedIn = me.isSuccess;

  useEffect(() => {
    if (!signedIn || location.pathname.replace(/\/$/, '') !== '/portal') return;
    const next = takeRememberedNext();
    if (next) navigate(next, { replace: true });
  }, [signedIn, location.pathname, navigate]);

  if (me.isError && isSignedOut(me.error)) return <SignInRedirect />;
  if (me.isPending) {
    return (
      <PortalFrame>
        <LoadingState />
      </PortalFrame>
    );
  }
  if (me.isError) {
    return (
      <PortalFrame>
        <Stack align="flex-start">
          <PageTitle>{t('layout.title')}</PageTitle>
          <ErrorState error={me.error} onRetry={() => void me.refetch()} />
          <SignOutButton prominent />
        </Stack>
      </PortalFrame>
    );
  }
  return (
    <PortalFrame nav={<PortalNav />}>
      <Outlet />
    </PortalFrame>
  );
}
