import { Alert, Text } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ApiError } from '../shared/api';
import type { ClientBooking } from '../shared/types';
import { ClinicPhoneLink } from './clinic-phone';
import { hoursBetween } from './clinic-time';

/**
 * The server's 409 too_late, with the clinic's phone. Its message is English only, so a
 * Ukrainian page says the same in Ukrainian.
 */
export function TooLateNotice({ error, booking, phone }: { error: ApiError; booking: ClientBooking; phone: string }): ReactNode {
  const { t, i18n } = useTranslation('portal');
  const hours = hoursBetween(booking.changeableUntil, booking.startsAt);
  const box = useRef<HTMLDivElement>(null);
  // It replaces the button that was just pressed, so the focus moves here.
  useEffect(() => box.current?.focus(), []);
  return (
    <Alert ref={box} tabIndex={-1} color="red" title={t('reschedule.tooLateTitle')} role="alert">
      <Text size="sm">{i18n.language === 'en' ? error.message : t('reschedule.tooLateText', { count: hours })}</Text>
      <Text size="sm" mt="xs">
        <Trans t={t} i18nKey="reschedule.callClinic" components={{ phone: <ClinicPhoneLink phone={phone} /> }} />
      </Text>
    </Alert>
  );
}
