import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../shared/api';
import { formatDateTime } from '../shared/format';
import type { ClientBooking, Clinic } from '../shared/types';
import { useCancelBooking } from './portal-api';
import { isSignedOut, signInPath } from './portal-auth';
import { PortalModal } from './portal-modal';
import { TooLateNotice } from './too-late-notice';

interface CancelModalProps {
  booking: ClientBooking;
  clinic: Clinic;
  opened: boolean;
  onClose: () => void;
  onDone: (cancelled: ClientBooking) => void;
}

/** The confirmation step before cancelling: names the appointment, so nobody cancels the wrong one. */
export function CancelModal({ booking, clinic, opened, onClose, onDone }: CancelModalProps): ReactNode {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const cancel = useCancelBooking(booking.id);
  const error = cancel.error;
  const tooLate = error instanceof ApiError && error.code === 'too_late';
  const message = error instanceof ApiError && error.status > 0 && error.status < 500 ? error.message : t('common:errors.generic');

  const close = (): void => {
    cancel.reset();
    onClose();
  };

  return (
    <PortalModal opened={opened} onClose={close} title={t('cancel.title')}>
      <Stack gap="md">
        <Text>
          {t('cancel.question', { name: booking.specialist.name, specialty: booking.specialist.specialty, when: formatDateTime(booking.startsAt, clinic.timezone) })}
        </Text>
        <Text size="sm" c="gray.7">
          {t('cancel.explain')}
        </Text>
        {tooLate && <TooLateNotice error={error} booking={booking} phone={clinic.phone} />}
        {error && !tooLate && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {tooLate ? t('reschedule.close') : t('cancel.keep')}
          </Button>
          {!tooLate && (
            <Button
              color="red.8"
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(undefined, {
                  onSuccess: (cancelled) => onDone(cancelled),
                  onError: (failure) => {
                    if (isSignedOut(failure)) navigate(signInPath({ pathname: `/portal/appointments/${booking.id}`, search: '' }));
                  },
                })
              }
            >
              {t('cancel.confirm')}
            </Button>
          )}
        </Group>
      </Stack>
    </PortalModal>
  );
}
