import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { formatTime } from '../../shared/format';
import type { Specialist } from '../../shared/types';
import { telHref } from '../site-footer';
import type { BookingCreated } from './booking-details';
import { BookingSummary } from './booking-summary';

/** As many as the server sends (MAX_CONFIRMATION_RESENDS); more would be silently ignored. */
const MAX_RESENDS = 3;

/** Step 4: the time is held, not yet booked, until the visitor confirms from the e-mail. */
export function CheckEmailStep({
  booking,
  email,
  specialist,
  timezone,
  clinicPhone,
  onBookAnother,
}: {
  booking: BookingCreated;
  email: string;
  specialist: Specialist;
  timezone: string;
  clinicPhone: string;
  onBookAnother: () => void;
}): ReactNode {
  const { t } = useTranslation('site');
  const [bookedAt] = useState(() => Date.now());
  const [resent, setResent] = useState(0);
  const minutes = Math.max(1, Math.round((Date.parse(booking.holdExpiresAt) - bookedAt) / 60_000));
  const resend = useMutation({
    mutationFn: () => api.post<{ status: string }>(`/api/bookings/${booking.id}/resend-confirmation`, { email }),
    onSuccess: () => setResent((count) => count + 1),
  });
  const rateLimited = resend.error instanceof ApiError && resend.error.status === 429;

  return (
    <Stack gap="lg" maw={640}>
      <Text size="lg">
        <Trans t={t} i18nKey="done.sent" values={{ email }} components={{ strong: <strong /> }} />
      </Text>
      <Alert color="teal" variant="light" title={t('done.heldTitle')}>
        {t('done.held', { time: formatTime(booking.holdExpiresAt, timezone), minutes })}
      </Alert>
      <BookingSummary specialist={specialist} startsAt={booking.startsAt} timezone={timezone} />

      <Stack gap="xs">
        <Text fw={700}>{t('done.notArrived')}</Text>
        <Text>
          {t('done.checkSpam')}{' '}
          <Trans t={t} i18nKey="done.callUs" values={{ phone: clinicPhone }} components={{ phone: <Anchor href={telHref(clinicPhone)} underline="always" style={{ whiteSpace: 'nowrap' }} /> }} />
        </Text>
        <Group>
          <Button variant="outline" onClick={() => resend.mutate()} loading={resend.isPending} disabled={resent >= MAX_RESENDS}>
            {t('done.resend')}
          </Button>
        </Group>
        <div role="status">
          {rateLimited ? (
            <Text>{t('done.resendWait')}</Text>
          ) : resend.isError ? (
            <Text>{t('done.resendFailed')}</Text>
          ) : resent >= MAX_RESENDS ? (
            <Text>{t('done.resendLimit', { phone: clinicPhone })}</Text>
          ) : resent > 0 ? (
            <Text>{t('done.resent', { email })}</Text>
          ) : null}
        </div>
      </Stack>

      <Group>
        <Button variant="subtle" onClick={onBookAnother}>
          {t('done.another')}
        </Button>
      </Group>
    </Stack>
  );
}
