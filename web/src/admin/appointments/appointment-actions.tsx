import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../shared/format';
import type { StaffBooking } from '../../shared/types';
import { hasStarted } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { ActionModal, actionsFor, useEmailNote, type AppointmentAction } from './action-modal';

const COLORS: Partial<Record<AppointmentAction, string>> = { cancel: 'red' };
const VARIANTS: Partial<Record<AppointmentAction, string>> = { approve: 'filled', reschedule: 'light', complete: 'light', no_show: 'default', cancel: 'outline' };

/** Each possible next step, with the e-mail it sends written beside the button. */
export function AppointmentActions({ booking }: { booking: StaffBooking }): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const emailNote = useEmailNote();
  const [acting, setActing] = useState<AppointmentAction | null>(null);
  const actions = actionsFor(booking);
  const started = hasStarted(booking.startsAt);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="actions-title">
      <Title order={2} size="h4" id="actions-title" mb="sm">
        {t('appointment.actions')}
      </Title>
      {actions.length === 0 && <Text c="dimmed">{t('appointment.noActions', { status: t(`status.${booking.status}`) })}</Text>}
      <Stack gap="sm">
        {actions.map((action) => {
          const noteId = `action-note-${action}`;
          const early = (action === 'complete' || action === 'no_show') && !started;
          return (
            <Stack key={action} gap={2}>
              <Button
                variant={VARIANTS[action]}
                color={COLORS[action]}
                onClick={() => setActing(action)}
                aria-describedby={noteId}
                w="fit-content"
              >
                {t(`actions.${action}.button`)}
              </Button>
              <Text size="xs" c="dimmed" id={noteId}>
                {emailNote(action, booking)}
                {early && ` ${t('appointment.afterStart', { time: formatTime(booking.startsAt, zone) })}`}
              </Text>
            </Stack>
          );
        })}
      </Stack>
      <ActionModal booking={booking} action={acting} onClose={() => setActing(null)} />
    </Paper>
  );
}
