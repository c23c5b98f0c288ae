import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../shared/api';
import { formatDateTime } from '../shared/format';
import type { ClientBooking, Clinic, Slot } from '../shared/types';
import { portalKeys, useReschedule } from './portal-api';
import { isSignedOut, signInPath } from './portal-auth';
import { upperFirst } from './portal-format';
import { SlotPicker } from './slot-picker';
import { TooLateNotice } from './too-late-notice';
import { wrappingButton } from './page-title';

interface ReschedulePanelProps {
  booking: ClientBooking;
  clinic: Clinic;
  headingOrder: 3 | 4;
  onClose: () => void;
  onDone: (moved: ClientBooking) => void;
}

/** Move an appointment to another free time of the same specialist, then confirm. */
export function ReschedulePanel({ booking, clinic, headingOrder, onClose, onDone }: ReschedulePanelProps): ReactNode {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const [selected, setSelected] = useState<Slot | null>(null);
  const [problem, setProblem] = useState<'too_late' | 'slot_taken' | 'other' | null>(null);
  const reschedule = useReschedule(booking.id);
  const tz = clinic.timezone;

  const notice = useRef<HTMLDivElement>(null);

  useEffect(() => heading.current?.focus(), []);
  // The confirm button the client pressed is gone after a refusal: keep the focus on the reason.
  useEffect(() => {
    if (problem && problem !== 'too_late') notice.current?.focus();
  }, [problem]);

  const confirm = (): void => {
    if (!selected) return;
    setProblem(null);
    reschedule.mutate(selected.startsAt, {
      onSuccess: (moved) => onDone(moved),
      onError: (error) => {
        if (isSignedOut(error)) {
          navigate(signInPath({ pathname: `/portal/appointments/${booking.id}`, search: '' }));
        } else if (error instanceof ApiError && error.code === 'too_late') {
          setProblem('too_late');
          void queryClient.invalidateQueries({ queryKey: portalKeys.bookings });
        } else if (error instanceof ApiError && error.code === 'slot_taken') {
          setProblem('slot_taken');
          setSelected(null);
          void queryClient.invalidateQueries({ queryKey: ['slots', booking.specialist.id] });
        } else {
          setProblem('other');
        }
      },
    });
  };

  const serverMessage = reschedule.error instanceof ApiError && reschedule.error.status > 0 && reschedule.error.status < 500 ? reschedule.error.message : t('common:errors.generic');

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} bg="gray.0" mt="xs">
      <Stack gap="md">
        <div>
          <Title order={headingOrder} size="h5" ref={heading} tabIndex={-1}>
            {t('reschedule.title')}
          </Title>
          <Text size="sm">{t('reschedule.intro', { name: booking.specialist.name, when: formatDateTime(booking.startsAt, tz) })}</Text>
        </div>
        {problem === 'too_late' && reschedule.error instanceof ApiError ? (
          <TooLateNotice error={reschedule.error} booking={booking} phone={clinic.phone} />
        ) : (
          <SlotPicker
            specialistId={booking.specialist.id}
            timezone={tz}
            selected={selected}
            onSelect={(slot) => {
              setSelected(slot);
              if (slot) setProblem(null);
            }}
          />
        )}
        {problem === 'slot_taken' && (
          <Alert ref={notice} tabIndex={-1} color="yellow" role="alert" styles={{ message: { color: 'var(--mantine-color-dark-8)' } }}>
            {t('reschedule.slotTaken')}
          </Alert>
        )}
        {problem === 'other' && (
          <Alert ref={notice} tabIndex={-1} color="red" role="alert">
            {serverMessage}
          </Alert>
        )}
        {selected && problem !== 'too_late' && (
          <Stack gap="xs">
            <Text fw={600}>{t('reschedule.newTime', { when: upperFirst(formatDateTime(selected.startsAt, tz)) })}</Text>
            <Group>
              <Button classNames={wrappingButton} onClick={confirm} loading={reschedule.isPending}>
                {t('reschedule.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
        <Group>
          <Button classNames={wrappingButton} variant="subtle" color="gray" c="dark.8" onClick={onClose}>
            {problem === 'too_late' ? t('reschedule.close') : t('reschedule.keep')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
