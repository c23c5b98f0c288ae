// One confirmation dialog for every change to an appointment: it says what will happen and which
// e-mail the client gets, asks before doing it, and shows the server's answer word for word.
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import type { StaffBooking } from '../../shared/types';
import { AdminModal } from '../layout/admin-modal';
import { useCalendarProps } from '../lib/calendar-props';
import { instantAt, localParts } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { notifyDone, problemText } from '../lib/notify';
import { useSpecialistName } from '../lib/queries';

export type AppointmentAction = 'approve' | 'reschedule' | 'complete' | 'no_show' | 'cancel';

const PATHS: Record<AppointmentAction, string> = {
  approve: 'approve',
  reschedule: 'reschedule',
  complete: 'complete',
  no_show: 'no-show',
  cancel: 'cancel',
};

/** Which actions an appointment's status allows at all (the server still has the last word). */
export function actionsFor(booking: StaffBooking): AppointmentAction[] {
  switch (booking.status) {
    case 'unconfirmed':
      return ['reschedule', 'cancel'];
    case 'confirmed':
      return ['approve', 'reschedule', 'complete', 'no_show', 'cancel'];
    case 'booked':
      return ['reschedule', 'complete', 'no_show', 'cancel'];
    default:
      return [];
  }
}

/** The e-mail an action sends, in words, for the button's description and the dialog. */
export function useEmailNote(): (action: AppointmentAction, booking: StaffBooking) => string {
  const { t } = useTranslation('admin');
  const specialistName = useSpecialistName();
  return (action, booking) => {
    if (action === 'cancel') return t(booking.status === 'unconfirmed' ? 'actions.cancel.emailHold' : 'actions.cancel.email');
    if (action === 'reschedule') return t(booking.status === 'unconfirmed' ? 'actions.reschedule.emailHold' : 'actions.reschedule.email');
    return t(`actions.${action}.email`, { specialist: specialistName(booking.specialistId) });
  };
}

interface ActionModalProps {
  booking: StaffBooking;
  action: AppointmentAction | null;
  onClose: () => void;
}

export function ActionModal({ booking, action, onClose }: ActionModalProps): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <AdminModal opened={action !== null} onClose={onClose} title={action ? t(`actions.${action}.title`) : null} size="md">
      {action && <ActionForm key={action} booking={booking} action={action} onClose={onClose} />}
    </AdminModal>
  );
}

function ActionForm({ booking, action, onClose }: { booking: StaffBooking; action: AppointmentAction; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const calendarProps = useCalendarProps();
  const zone = useZone();
  const client = useQueryClient();
  const specialistName = useSpecialistName();
  const emailNote = useEmailNote();
  const start = localParts(booking.startsAt, zone);
  const [date, setDate] = useState<string | null>(start.date);
  const [time, setTime] = useState(start.time);
  const [reason, setReason] = useState('');
  const when = formatDateTime(booking.startsAt, zone);

  const run = useMutation({
    mutationFn: () => {
      const path = `/api/admin/bookings/${booking.id}/${PATHS[action]}`;
      if (action === 'reschedule') return api.post<StaffBooking>(path, { startsAt: instantAt(date ?? start.date, time, zone) });
      if (action === 'cancel' && reason.trim()) return api.post<StaffBooking>(path, { reason: reason.trim() });
      return api.post<StaffBooking>(path, {});
    },
    onSuccess: (updated) => {
      notifyDone(t(`actions.${action}.done`, { name: updated.contact.name, when: formatDateTime(updated.startsAt, zone) }));
      void client.invalidateQueries({ queryKey: ['admin'] });
      onClose();
    },
  });

  const timeValid = /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
  const canSubmit = action !== 'reschedule' || (date !== null && timeValid);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (canSubmit && !run.isPending) run.mutate();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {t('actions.summary', { name: booking.contact.name, specialist: specialistName(booking.specialistId), when })}
        </Text>
        {action === 'reschedule' && (
          <Group grow align="flex-start">
            <DateInput {...calendarProps} label={t('actions.reschedule.date')} value={date} onChange={setDate} required />
            <TimeInput label={t('actions.reschedule.time')} value={time} onChange={(e) => setTime(e.currentTarget.value)} required data-autofocus error={timeValid ? undefined : t('form.timeInvalid')} />
          </Group>
        )}
        {action === 'reschedule' && (
          <Text size="xs" c="dimmed">
            {t('actions.reschedule.zoneNote', { zone })}
          </Text>
        )}
        {action === 'cancel' && <Textarea label={t('actions.cancel.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} autosize minRows={2} />}
        <Alert color="blue" variant="light" role="note" title={t('actions.emailTitle')}>
          {emailNote(action, booking)}
        </Alert>
        {run.isError && (
          <Alert color="red" role="alert" title={t('couldNot')}>
            {problemText(run.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('form.back')}
          </Button>
          <Button type="submit" color={action === 'cancel' || action === 'no_show' ? 'red' : undefined} loading={run.isPending} disabled={!canSubmit}>
            {t('form.goAhead')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
