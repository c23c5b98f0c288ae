import { Anchor, AppShell, Burger, Button, Group, Menu, SegmentedControl, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { api } from '../../shared/api';
import { setLanguage } from '../../shared/i18n';
import type { Locale } from '../../shared/types';
import { SIGN_IN_PATH, useStaff } from '../auth/session';
import { useClinicBasics } from '../lib/clinic-zone';
import { notifyFailed } from '../lib/notify';
import classes from './admin-shell.module.css';
import { AdminNav } from './admin-nav';

export function LanguageSwitch(): ReactNode {
  const { t, i18n } = useTranslation('admin');
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language', { ns: 'common' })}
      value={i18n.language === 'en' ? 'en' : 'uk'}
      onChange={(value) => setLanguage(value as Locale)}
      data={[
        { value: 'uk', label: 'УКР' },
        { value: 'en', label: 'ENG' },
      ]}
    />
  );
}

function StaffMenu(): ReactNode {
  const { t } = useTranslation('admin');
  const me = useStaff();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signOut = async (): Promise<void> => {
    try {
      await api.post('/api/auth/logout');
      client.clear();
      void navigate(SIGN_IN_PATH, { replace: true });
    } catch (error) {
      notifyFailed(error);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <UnstyledButton className={classes.account} visibleFrom="sm">
            <Text size="sm" fw={600} lh={1.2}>
              {me.name}
            </Text>
            <Text size="xs" c="dimmed" lh={1.2} visibleFrom="md">
              {t(`roles.${me.role}`)} · {me.email}
            </Text>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component={Link} to="/admin/account">
            {t('shell.mySessions')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Button variant="default" size="xs" onClick={() => void signOut()}>
        {t('shell.signOut')}
      </Button>
    </Group>
  );
}

export function AdminShell(): ReactNode {
  const { t } = useTranslation('admin');
  const clinic = useClinicBasics();
  const [opened, { toggle, close }] = useDisclosure();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#admin-main" className={classes.skip}>
        {t('nav.skip', { ns: 'common' })}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
            <Anchor component={Link} to="/admin" c="inherit" underline="never" fw={700} truncate="end" maw={{ base: 110, sm: 320 }}>
              {clinic.name}
            </Anchor>
            <Text size="xs" c="dimmed" visibleFrom="md">
              {t('console')} · {clinic.timezone}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <StaffMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <AdminNav onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="admin-main" tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
