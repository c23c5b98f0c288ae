import { Anchor, Box, Burger, Button, Container, Divider, Drawer, Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { notABanner } from './dialog-header';
import { LanguageSwitch } from './language-switch';
import { useClinic } from './site-queries';
import classes from './site.module.css';

function NavLinks({ onNavigate }: { onNavigate?: () => void }): ReactNode {
  const { t } = useTranslation('common');
  const links = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/specialists', label: t('nav.specialists'), end: false },
    { to: '/reviews', label: t('nav.reviews'), end: false },
  ];
  return (
    <>
      {links.map((link) => (
        <NavLink key={link.to} to={link.to} end={link.end} className={classes.navLink} onClick={onNavigate}>
          {link.label}
        </NavLink>
      ))}
      <Anchor href="/portal" className={classes.navLink} onClick={onNavigate}>
        {t('nav.portal')}
      </Anchor>
    </>
  );
}

/** The clinic's name, the site's sections, the booking button and the language; a drawer on phones. */
export function SiteHeader(): ReactNode {
  const { t } = useTranslation('common');
  const { t: ts } = useTranslation('site');
  const clinic = useClinic();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  useEffect(close, [location.pathname, close]);

  return (
    <Box component="header" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', background: 'var(--mantine-color-white)' }}>
      <Container size="lg">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Anchor component={Link} to="/" fw={700} fz={{ base: 'md', sm: 'lg' }} underline="never" style={{ minWidth: 0 }}>
            {clinic.data?.name ?? ts('layout.clinic')}
          </Anchor>
          <Group component="nav" aria-label={ts('layout.mainNav')} gap={4} visibleFrom="lg" wrap="nowrap">
            <NavLinks />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Box visibleFrom="lg">
              <LanguageSwitch />
            </Box>
            <Button component={Link} to="/book" size="sm" visibleFrom="sm">
              {t('nav.book')}
            </Button>
            {/* The short label on phones; its name still says the whole action. */}
            <Button component={Link} to="/book" size="compact-md" hiddenFrom="sm" aria-label={t('nav.book')}>
              {ts('layout.bookShort')}
            </Button>
            <Burger opened={opened} onClick={toggle} hiddenFrom="lg" aria-label={ts('layout.menu')} aria-expanded={opened} />
          </Group>
        </Group>
      </Container>
      <Drawer.Root className={classes.palette} opened={opened} onClose={close} position="right" size="xs">
        <Drawer.Overlay />
        <Drawer.Content>
          <Drawer.Header {...notABanner}>
            <Drawer.Title fw={700}>{ts('layout.menu')}</Drawer.Title>
            <Drawer.CloseButton aria-label={ts('layout.closeMenu')} />
          </Drawer.Header>
          <Drawer.Body>
            <Stack gap="xs">
              <Stack component="nav" aria-label={ts('layout.mainNav')} gap={4}>
                <NavLinks onNavigate={close} />
              </Stack>
              <Button component={Link} to="/book" onClick={close} fullWidth>
                {t('nav.book')}
              </Button>
              <Divider my="sm" />
              <LanguageSwitch fullWidth />
            </Stack>
          </Drawer.Body>
        </Drawer.Content>
      </Drawer.Root>
    </Box>
  );
}
