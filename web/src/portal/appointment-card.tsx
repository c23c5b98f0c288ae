import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime, formatTime } from '../shared/format';
import type { ClientBooking, Clinic } from '../shared/types';
import { CancelModal } from './cancel-modal';
import { ClinicPhoneLink } from './clinic-phone';
import { ReschedulePanel } from './reschedule-panel';
import { upperFirst } from './portal-format';
import { StatusBadge } from './status-badge';

const ACTIVE = ['unconfirmed', 'confirmed', 'booked'];

export function isActiveUpcoming(booking: ClientBooking, now: Date = new Date()): boolean {
  return ACTIVE.includes(booking.status) && new Date(booking.endsAt).getTime() > now.getTime();
}

interface AppointmentCardProps {
  booking: ClientBooking;
  clinic: Clinic;
  /** On the list, the specialist's name links to the appointment's own page. */
  linked?: boolean;
  headingOrder?: 2 | 3;
  /** Says what just happened (moved, cancelled) where the page shows such news. */
  onDone: (message: string) => void;
}

export function AppointmentCard({ booking, clinic, linked = false, headingOrder = 2, onDone }: AppointmentCardProps): ReactNode {
  const { t } = useTranslation('portal');
  const titleId = useId();
  const panelId = useId();
  const [rescheduling, setRescheduling] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const tz = clinic.timezone;
  const upcoming = isActiveUpcoming(booking);
  const when = formatDateTime(booking.startsAt, tz);

  return (
    <Card withBorder padding="md" radius="md" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={headingOrder} size="h4" id={titleId}>
              {linked ? (
                <Anchor component={Link} to={`/portal/appointments/${booking.id}`} inherit>
                  {booking.specialist.name}
                </Anchor>
              ) : (
                booking.specialist.name
              )}
            </Title>
            <Text c="gray.7" size="sm">
              {booking.specialist.specialty}
            </Text>
          </div>
          <StatusBadge status={booking.status} />
        </Group>
        <div>
          <Text fw={600}>{upperFirst(formatDate(booking.startsAt, tz))}</Text>
          <Text>{`${formatTime(booking.startsAt, tz)}–${formatTime(booking.endsAt, tz)}`}</Text>
        </div>
        {booking.notes && (
          <Text size="sm" c="gray.7">
            {t('appointment.notes')}: {booking.notes}
          </Text>
        )}
        {upcoming && booking.canChange && (
          <>
            <Text size="sm">{t('appointment.changeableUntil', { until: formatDateTime(booking.changeableUntil, tz) })}</Text>
            <Group gap="sm">
              <Button variant={rescheduling ? 'filled' : 'light'} aria-expanded={rescheduling} aria-controls={rescheduling ? panelId : undefined} aria-describedby={titleId} onClick={() => setRescheduling((open) => !open)}>
                {t('appointment.reschedule')}
              </Button>
              <Button variant="outline" color="red.8" aria-describedby={titleId} onClick={() => setCancelling(true)}>
                {t('appointment.cancel')}
              </Button>
            </Group>
          </>
        )}
        {upcoming && !booking.canChange && (
          <Text size="sm">
            <Trans t={t} i18nKey="appointment.tooLateToChange" components={{ phone: <ClinicPhoneLink phone={clinic.phone} /> }} />
          </Text>
        )}
        {rescheduling && (
          <div id={panelId}>
            <ReschedulePanel
              booking={booking}
              clinic={clinic}
              headingOrder={headingOrder === 2 ? 3 : 4}
              onClose={() => setRescheduling(false)}
              onDone={(moved) => {
                setRescheduling(false);
                onDone(t('appointment.moved', { name: moved.specialist.name, when: formatDateTime(moved.startsAt, tz), status: t(`status.${moved.status}`) }));
              }}
            />
          </div>
        )}
      </Stack>
      <CancelModal
        booking={booking}
        clinic={clinic}
        opened={cancelling}
        onClose={() => setCancelling(false)}
        onDone={(cancelled) => {
          setCancelling(false);
          onDone(t('appointment.cancelled', { name: cancelled.specialist.name, when, status: t(`status.${cancelled.status}`) }));
        }}
      />
    </Card>
  );
}
