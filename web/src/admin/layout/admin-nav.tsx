import { Badge, NavLink, Stack, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../../shared/api';
import type { Page } from '../../shared/types';
import { useIsAdmin } from '../auth/session';
import type { InboxItem } from '../lib/admin-types';

interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
}

/** How many clients wait for an answer (up to 200; more shows as 200+). */
export function useUnansweredCount(): { count: number; more: boolean } | null {
  const { data } = useQuery({
    queryKey: ['admin', 'inbox', 'unanswered'],
    queryFn: () => api.get<Page<InboxItem>>('/api/admin/inbox?unanswered=true&limit=200'),
    refetchInterval: 60_000,
  });
  return data ? { count: data.items.length, more: data.nextCursor !== null } : null;
}

export function AdminNav({ onNavigate }: { onNavigate: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const isAdmin = useIsAdmin();
  const location = useLocation();
  const unanswered = useUnansweredCount();
  const items: NavItem[] = [
    { to: '/admin', label: t('nav.today') },
    { to: '/admin/calendar', label: t('nav.calendar') },
    { to: '/admin/appointments', label: t('nav.appointments') },
    { to: '/admin/contacts', label: t('nav.contacts') },
    { to: '/admin/messages', label: t('nav.messages') },
    { to: '/admin/specialists', label: t('nav.specialists') },
    { to: '/admin/clinic', label: t('nav.clinic') },
    { to: '/admin/email', label: t('nav.email') },
    { to: '/admin/audit', label: t('nav.audit'), adminOnly: true },
    { to: '/admin/staff', label: t('nav.staff'), adminOnly: true },
    { to: '/admin/api-keys', label: t('nav.apiKeys'), adminOnly: true },
    { to: '/admin/webhooks', label: t('nav.webhooks'), adminOnly: true },
  ];
  const isActive = (to: string): boolean => (to === '/admin' ? location.pathname === '/admin' || location.pathname === '/admin/' : location.pathname.startsWith(to));

  return (
    <Stack gap={2}>
      {items
        .filter((item) => !item.adminOnly || isAdmin)
        .map((item) => {
          const showCount = item.to === '/admin/messages' && unanswered !== null && unanswered.count > 0;
          const countText = showCount ? `${unanswered.count}${unanswered.more ? '+' : ''}` : '';
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              active={isActive(item.to)}
              aria-current={isActive(item.to) ? 'page' : undefined}
              aria-describedby={showCount ? 'unanswered-count' : undefined}
              onClick={onNavigate}
              rightSection={
                showCount ? (
                  <Badge size="sm" color="orange" variant="filled" aria-hidden>
                    {countText}
                  </Badge>
                ) : null
              }
            />
          );
        })}
      <NavLink
        component={Link}
        to="/admin/account"
        label={t('shell.mySessions')}
        active={location.pathname.startsWith('/admin/account')}
        aria-current={location.pathname.startsWith('/admin/account') ? 'page' : undefined}
        onClick={onNavigate}
        mt="md"
        c="dimmed"
      />
      {unanswered !== null && unanswered.count > 0 && (
        <VisuallyHidden id="unanswered-count">{t('nav.unanswered', { count: unanswered.count })}</VisuallyHidden>
      )}
    </Stack>
  );
}
