// The clinic's console: the receptionist's desk. Signed-in staff only; every screen is a route
// under /admin, so a lost session can send the user to sign in and straight back.
import 'dayjs/locale/uk';
import { DatesProvider } from '@mantine/dates';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from '../shared/api';
import { ErrorState, LoadingState } from '../shared/states';
import classes from './admin-app.module.css';
import { AppointmentPage } from './appointments/appointment-page';
import { AppointmentsPage } from './appointments/appointments-page';
import { AuditPage } from './audit/audit-page';
import { signInPathFor, StaffProvider, useLostSessionRedirect, useMeQuery } from './auth/session';
import { SignInPage } from './auth/sign-in-page';
import { ClinicPage } from './clinic/clinic-page';
import { ContactPage } from './contacts/contact-page';
import { ContactsPage } from './contacts/contacts-page';
import { EmailPage } from './email/email-page';
import { TemplatePage } from './email/template-page';
import { AdminShell } from './layout/admin-shell';
import { NotFoundPage } from './layout/not-found-page';
import { ClinicZoneProvider } from './lib/clinic-zone';
import { MessagesPage } from './messages/messages-page';
import { SpecialistPage } from './specialists/specialist-page';
import { SpecialistsPage } from './specialists/specialists-page';
import { ApiKeysPage } from './integrations/api-keys-page';
import { WebhookDeliveriesPage } from './integrations/webhook-deliveries-page';
import { WebhooksPage } from './integrations/webhooks-page';
import { AccountPage } from './staff/account-page';
import { StaffPage } from './staff/staff-page';
import { TodayPage } from './today/today-page';

// The calendar brings FullCalendar along; only those who open it load it.
const CalendarPage = lazy(async () => ({ default: (await import('./calendar/calendar-page')).CalendarPage }));

function SignedIn(): ReactNode {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) return <LoadingState />;
  if (me.isError) {
    if (me.error instanceof ApiError && (me.error.status === 401 || me.error.status === 403)) return <Navigate to={signInPathFor(location)} replace />;
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  return (
    <StaffProvider me={me.data}>
      <ClinicZoneProvider>
        <AdminShell />
      </ClinicZoneProvider>
    </StaffProvider>
  );
}

function AdminOnly({ children }: { children: ReactNode }): ReactNode {
  const me = useMeQuery();
  return me.data?.role === 'admin' ? children : <NotFoundPage />;
}

export function AdminApp(): ReactNode {
  const { i18n } = useTranslation('admin');
  useLostSessionRedirect();
  useEffect(() => {
    document.body.classList.add(classes.area ?? '');
    return () => document.body.classList.remove(classes.area ?? '');
  }, []);
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'uk', firstDayOfWeek: 1 }}>
      <Routes>
        <Route path="sign-in" element={<SignInPage />} />
        <Route element={<SignedIn />}>
          <Route index element={<TodayPage />} />
          <Route
            path="calendar"
            element={
              <Suspense fallback={<LoadingState />}>
                <CalendarPage />
              </Suspense>
            }
          />
          <Route path="appointments" element={<AppointmentsPage />} />
          <Route path="appointments/:id" element={<AppointmentPage />} />
          <Route path="contacts" element={<ContactsPage />} />
          <Route path="contacts/:id" element={<ContactPage />} />
          <Route path="messages" element={<MessagesPage />} />
          <Route path="messages/:contactId" element={<MessagesPage />} />
          <Route path="specialists" element={<SpecialistsPage />} />
          <Route path="specialists/:id" element={<SpecialistPage />} />
          <Route path="clinic" element={<ClinicPage />} />
          <Route path="email" element={<EmailPage />} />
          <Route path="email/templates/:key" element={<AdminOnly><TemplatePage /></AdminOnly>} />
          <Route path="audit" element={<AdminOnly><AuditPage /></AdminOnly>} />
          <Route path="staff" element={<AdminOnly><StaffPage /></AdminOnly>} />
          <Route path="api-keys" element={<AdminOnly><ApiKeysPage /></AdminOnly>} />
          <Route path="webhooks" element={<AdminOnly><WebhooksPage /></AdminOnly>} />
          <Route path="webhooks/:id" element={<AdminOnly><WebhookDeliveriesPage /></AdminOnly>} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </DatesProvider>
  );
}
