import { Alert, Box, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { visitorZoneDiffers } from '../../shared/format';
import { ErrorState } from '../../shared/states';
import type { Slot, Specialist } from '../../shared/types';
import { addDays, bookableWindow, firstOfMonth, formatDay, lastOfMonth, offsetLabel, sameInstant, slotsByDate, todayIn, visitorReadsOtherTimes } from '../clinic-dates';
import { useSlots } from '../site-queries';
import classes from '../site.module.css';
import { SlotButtons } from './slot-buttons';

interface Props {
  specialist: Specialist;
  timezone: string;
  day: string | null;
  onDayChange: (day: string | null) => void;
  selected: string | null;
  onChoose: (slot: Slot) => void;
  /** The preselected time (from a link) turned out not to be free. */
  onSelectedGone: () => void;
}

/** Which zone the times are in, said only when the visitor's own zone is another one. */
export function ZoneNote({ timezone, instants }: { timezone: string; instants: string[] }): ReactNode {
  const { t } = useTranslation('site');
  if (!visitorReadsOtherTimes(timezone, visitorZoneDiffers(timezone), instants)) return null;
  return (
    <Text size="sm" c="gray.8">
      {t('booking.zoneNote', { zone: timezone, offset: offsetLabel(timezone) })}
    </Text>
  );
}

/**
 * Step 2: a month calendar where only days with free time can be picked (fetched a month at a
 * time: the API takes up to 31 days), then that day's free times.
 */
export function ChooseTimeStep({ specialist, timezone, day, onDayChange, selected, onChoose, onSelectedGone }: Props): ReactNode {
  const { t, i18n } = useTranslation('site');
  const today = todayIn(timezone);
  const lastDay = addDays(today, specialist.horizonDays);
  const [month, setMonth] = useState(() => firstOfMonth(day ?? today));
  const range = bookableWindow(month, today, lastDay);
  const slots = useSlots(specialist.id, range);
  const days = slotsByDate(slots.data?.slots ?? []);
  const daySlots = day ? (days.get(day) ?? []) : [];

  // Nothing free this month (late in the month, say): show the next one, once, unless the visitor moved.
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current || !slots.isSuccess || days.size > 0) return;
    const next = addDays(lastOfMonth(month), 1);
    if (next <= lastDay && month === firstOfMonth(day ?? today)) {
      moved.current = true;
      setMonth(next);
    }
  }, [slots.isSuccess, days.size, month, lastDay, day, today]);

  // A time preselected by a link that is no longer free is dropped (the page says so).
  useEffect(() => {
    if (!selected || !slots.isSuccess || !day || firstOfMonth(day) !== month) return;
    if (!daySlots.some((slot) => sameInstant(slot.startsAt, selected))) onSelectedGone();
  }, [selected, slots.isSuccess, day, month, daySlots, onSelectedGone]);

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
      <Stack gap="xs">
        <Title order={3} size="h4" id="day-picker-label">
          {t('booking.chooseDay')}
        </Title>
        <Text size="sm" c="gray.8" id="day-picker-hint">
          {t('booking.dayHint')}
        </Text>
        <Box role="group" aria-labelledby="day-picker-label" aria-describedby="day-picker-hint">
          <DatePicker
            value={day}
            onChange={(value) => onDayChange(value)}
            date={month}
            onDateChange={(date) => {
              moved.current = true;
              setMonth(firstOfMonth(date));
            }}
            size="md"
            minDate={today}
            maxDate={lastDay}
            maxLevel="month"
            hideOutsideDates
            weekendDays={[]}
            excludeDate={(date) => !days.has(date)}
            getDayProps={(date) => (days.has(date) ? { className: classes.availableDay } : {})}
            ariaLabels={{ previousMonth: t('booking.previousMonth'), nextMonth: t('booking.nextMonth') }}
          />
        </Box>
        <Box mih={24} role="status">
          {slots.isFetching ? (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm">{t('booking.checkingDays')}</Text>
            </Group>
          ) : slots.isSuccess && days.size === 0 ? (
            <Text size="sm">{t('booking.noDaysThisMonth')}</Text>
          ) : null}
        </Box>
        {slots.isError && <ErrorState error={slots.error} onRetry={() => void slots.refetch()} />}
      </Stack>

      <Stack gap="sm">
        <Title order={3} size="h4" id="slots-label">
          {day ? t('booking.timesOn', { date: formatDay(day, i18n.language, false) }) : t('booking.chooseTime')}
        </Title>
        <ZoneNote timezone={timezone} instants={daySlots.map((slot) => slot.startsAt)} />
        {!day ? (
          <Text>{t('booking.pickDayFirst')}</Text>
        ) : slots.isPending ? null : daySlots.length === 0 ? (
          <Alert color="gray" variant="light">
            {t('booking.noTimesThatDay')}
          </Alert>
        ) : (
          <SlotButtons slots={daySlots} timezone={timezone} selected={selected} onChoose={onChoose} labelledBy="slots-label" />
        )}
      </Stack>
    </SimpleGrid>
  );
}
