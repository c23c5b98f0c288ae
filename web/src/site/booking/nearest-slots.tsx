import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Slot } from '../../shared/types';
import { addDays, formatDay, sameInstant, slotsByDate, todayIn } from '../clinic-dates';
import { useSlots } from '../site-queries';
import { SlotButtons } from './slot-buttons';

const DAYS_AHEAD = 6;
const OFFERED = 8;

/**
 * The time was taken (or can no longer be booked) while the visitor filled in the form: not an
 * error, just the nearest free times of that day and the next few, one click from booking.
 */
export function NearestSlots({
  specialistId,
  lostStartsAt,
  reason,
  timezone,
  lastDay,
  onChoose,
  onOtherDay,
}: {
  specialistId: string;
  lostStartsAt: string;
  reason: 'taken' | 'unavailable';
  timezone: string;
  lastDay: string;
  onChoose: (slot: Slot) => void;
  onOtherDay: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation('site');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [lostStartsAt]);
  const today = todayIn(timezone);
  const lostDay = todayIn(timezone, new Date(lostStartsAt));
  const from = lostDay > today ? lostDay : today;
  const last = addDays(from, DAYS_AHEAD);
  const to = last < lastDay ? last : lastDay;
  const slots = useSlots(specialistId, from <= to ? { from, to } : null);
  // The free times closest to the one lost, earlier or later, in time order.
  const lostAt = Date.parse(lostStartsAt);
  const offered = (slots.data?.slots ?? [])
    .filter((slot) => !sameInstant(slot.startsAt, lostStartsAt))
    .sort((a, b) => Math.abs(Date.parse(a.startsAt) - lostAt) - Math.abs(Date.parse(b.startsAt) - lostAt))
    .slice(0, OFFERED)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));

  return (
    <Card component="section" aria-labelledby="nearest-title" withBorder bg="yellow.0" style={{ borderColor: 'var(--mantine-color-yellow-5)' }} padding="lg">
      <Stack gap="sm">
        <Title order={3} size="h4" ref={heading} tabIndex={-1} id="nearest-title">
          {reason === 'taken' ? t('booking.takenTitle') : t('booking.unavailableTitle')}
        </Title>
        <Text>{t('booking.takenText', { time: formatDateTime(lostStartsAt, timezone) })}</Text>
        {slots.isPending && from <= to ? (
          <LoadingState label={t('booking.findingTimes')} />
        ) : slots.isError ? (
          <ErrorState error={slots.error} onRetry={() => void slots.refetch()} />
        ) : offered.length === 0 ? (
          <Text>{t('booking.noNearTimes')}</Text>
        ) : (
          [...slotsByDate(offered)].map(([date, list]) => (
            <Stack key={date} gap={6}>
              <Text fw={600} id={`near-${date}`}>
                {formatDay(date, i18n.language)}
              </Text>
              <SlotButtons slots={list} timezone={timezone} selected={null} onChoose={onChoose} labelledBy={`near-${date}`} />
            </Stack>
          ))
        )}
        <div>
          <Button variant="subtle" onClick={onOtherDay}>
            {t('booking.otherDay')}
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
