// A dragged appointment is only moved once the receptionist says so: a move e-mails the client.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import type { StaffBooking } from '../../shared/types';
import { useEmailNote } from '../appointments/action-modal';
import { AdminModal } from '../layout/admin-modal';
import { instantAt } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { notifyDone, notifyFailed, problemText } from '../lib/notify';

export interface PendingMove {
  booking: StaffBooking;
  date: string;
  time: string;
  revert: () => void;
}

export function MoveModal({ move, onClose }: { move: PendingMove | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const client = useQueryClient();
  const emailNote = useEmailNote();
  const run = useMutation({
    mutationFn: (pending: PendingMove) => api.post<StaffBooking>(`/api/admin/bookings/${pending.booking.id}/reschedule`, { startsAt: instantAt(pending.date, pending.time, zone) }),
    onSuccess: (updated) => {
      notifyDone(t('actions.reschedule.done', { name: updated.contact.name, when: formatDateTime(updated.startsAt, zone) }));
      void client.invalidateQueries({ queryKey: ['admin'] });
      run.reset();
      onClose();
    },
    onError: (error, pending) => {
      pending.revert();
      notifyFailed(error, t('calendar.moveFailed'));
      run.reset();
      onClose();
    },
  });
  const back = (): void => {
    move?.revert();
    onClose();
  };
  const target = move ? instantAt(move.date, move.time, zone) : null;
  return (
    <AdminModal opened={move !== null} onClose={back} title={t('actions.reschedule.title')}>
      {move && target && (
        <Stack gap="sm">
          <Text size="sm">{t('calendar.moveQuestion', { name: move.booking.contact.name, from: formatDateTime(move.booking.startsAt, zone), to: formatDateTime(target, zone) })}</Text>
          <Alert color="blue" variant="light" role="note" title={t('actions.emailTitle')}>
            {emailNote('reschedule', move.booking)}
          </Alert>
          {run.isError && <Alert color="red">{problemText(run.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={back}>
              {t('form.back')}
            </Button>
            <Button loading={run.isPending} onClick={() => run.mutate(move)}>
              {t('form.goAhead')}
            </Button>
          </Group>
        </Stack>
      )}
    </AdminModal>
  );
}
