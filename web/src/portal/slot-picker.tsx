import { Button, SimpleGrid, Stack, Text } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, formatDate, formatTime } from '../shared/format';
import { LoadingState } from '../shared/states';
import type { Slot } from '../shared/types';
import { addDays, clinicDate, clinicToday, monthStart, nextMonth, slotRangeFor } from './clinic-time';
import { useSlots, useSpecialist } from './portal-api';
import { PortalError } from './portal-auth';
import { upperFirst } from './portal-format';

const FALLBACK_HORIZON_DAYS = 60;

interface SlotPickerProps {
  specialistId: string;
  timezone: string;
  selected: Slot | null;
  onSelect: (slot: Slot | null) => void;
}

/** A month of days (those without a free time disabled) and the free times of the chosen day. */
export function SlotPicker({ specialistId, timezone, selected, onSelect }: SlotPickerProps): ReactNode {
  const { t } = useTranslation('portal');
  const groupLabelId = useId();
  const today = clinicToday(timezone);
  const specialist = useSpecialist(specialistId);
  const lastDay = addDays(today, specialist.data?.horizonDays ?? FALLBACK_HORIZON_DAYS);
  const [month, setMonth] = useState(monthStart(today));
  const [day, setDay] = useState<string | null>(null);
  const [advanced, setAdvanced] = useState(false);
  const range = slotRangeFor(month, today, lastDay);
  const slots = useSlots(specialistId, range);

  const byDay = useMemo(() => {
    const days = new Map<string, Slot[]>();
    for (const slot of slots.data?.slots ?? []) {
      const date = clinicDate(slot.startsAt, timezone);
      days.set(date, [...(days.get(date) ?? []), slot]);
    }
    return days;
  }, [slots.data, timezone]);

  // Late in the month the first view may have nothing left: show the next month once, by itself.
  useEffect(() => {
    if (advanced || !slots.isSuccess || byDay.size > 0 || month !== monthStart(today) || nextMonth(month) > lastDay) return;
    setAdvanced(true);
    setMonth(nextMonth(month));
  }, [advanced, slots.isSuccess, byDay, month, today, lastDay]);

  // The chosen day, or else the first day of the month that has a free time.
  const shownDay = day !== null && byDay.has(day) ? day : ([...byDay.keys()].sort()[0] ?? null);
  const daySlots = shownDay ? (byDay.get(shownDay) ?? []) : [];

  return (
    <Stack gap="md">
      <DatePicker
        value={shownDay}
        onChange={(value) => {
          setDay(value);
          onSelect(null);
        }}
        date={month}
        onDateChange={(date) => setMonth(monthStart(date))}
        minDate={today}
        maxDate={lastDay}
        maxLevel="month"
        weekendDays={[]}
        excludeDate={(date) => !byDay.has(date)}
        getDayAriaLabel={(date) => (byDay.has(date) ? formatCalendarDate(date) : t('reschedule.dayFull', { date: formatCalendarDate(date) }))}
        ariaLabels={{ nextMonth: t('reschedule.nextMonth'), previousMonth: t('reschedule.previousMonth') }}
        size="md"
      />
      {range && slots.isPending && <LoadingState label={t('reschedule.loadingSlots')} />}
      {slots.isError && <PortalError error={slots.error} onRetry={() => void slots.refetch()} />}
      {(range === null || (slots.isSuccess && byDay.size === 0)) && <Text>{t('reschedule.noneThisMonth')}</Text>}
      {shownDay && daySlots.length > 0 && (
        <div role="group" aria-labelledby={groupLabelId}>
          <Text id={groupLabelId} fw={600} mb="xs">
            {t('reschedule.timesOn', { date: upperFirst(formatDate(daySlots[0]!.startsAt, timezone)) })}
          </Text>
          <SimpleGrid cols={{ base: 3, xs: 4, sm: 6 }} spacing="xs">
            {daySlots.map((slot) => {
              const chosen = selected?.startsAt === slot.startsAt;
              return (
                <Button key={slot.startsAt} variant={chosen ? 'filled' : 'default'} aria-pressed={chosen} onClick={() => onSelect(chosen ? null : slot)}>
                  {formatTime(slot.startsAt, timezone)}
                </Button>
              );
            })}
          </SimpleGrid>
        </div>
      )}
    </Stack>
  );
}
