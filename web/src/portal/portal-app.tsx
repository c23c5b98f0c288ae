import 'dayjs/locale/uk';
import 'dayjs/locale/en-gb';
import { Alert, Anchor, Stack } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { AppointmentPage } from './appointment-page';
import { AppointmentsPage } from './appointments-page';
import { MessagesPage } from './messages-page';
import { PortalLayout } from './portal-layout';
import { ProfilePage } from './profile-page';
import { SignInPage } from './sign-in-page';
import classes from './portal.module.css';
import { PageTitle } from './page-title';

function PortalNotFound(): ReactNode {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle>{t('errors.notFoundTitle')}</PageTitle>
      <Alert color="gray">{t('errors.notFound')}</Alert>
      <Anchor component={Link} to="/portal">
        {t('nav.portal')}
      </Anchor>
    </Stack>
  );
}

/** The client's personal account ("особистий кабінет"), mounted at /portal/*. */
export function PortalApp(): ReactNode {
  const { i18n } = useTranslation();
  useEffect(() => {
    document.body.classList.add(classes.contrast!);
    return () => document.body.classList.remove(classes.contrast!);
  }, []);
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en-gb' : 'uk', firstDayOfWeek: 1, consistentWeeks: true }}>
      <Routes>
        <Route path="sign-in" element={<SignInPage />} />
        <Route element={<PortalLayout />}>
          <Route index element={<AppointmentsPage />} />
          <Route path="appointments/:id" element={<AppointmentPage />} />
          <Route path="messages" element={<MessagesPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="*" element={<PortalNotFound />} />
        </Route>
      </Routes>
    </DatesProvider>
  );
}
