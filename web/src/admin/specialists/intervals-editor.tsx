// The hours of one day as several intervals (a break is the gap between two): used for a
// specialist's week, their date overrides, and the clinic's opening hours.
import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Interval } from '../../shared/types';

interface IntervalsEditorProps {
  /** Names the day in each input's label, e.g. "Monday". */
  dayLabel: string;
  intervals: Interval[];
  onChange: (intervals: Interval[]) => void;
  /** Problems keyed `<index>.start` / `<index>.end`. */
  errors: Record<string, string>;
  disabled?: boolean;
  max?: number;
  emptyText: string;
}

/** The next interval after the last one: an hour after it ends, or the morning. */
function nextInterval(intervals: Interval[]): Interval {
  const last = intervals[intervals.length - 1];
  if (!last || !/^\d\d:\d\d$/.test(last.end)) return { start: '09:00', end: '13:00' };
  const hour = Math.min(22, Number(last.end.slice(0, 2)) + 1);
  return { start: `${String(hour).padStart(2, '0')}:00`, end: `${String(Math.min(24, hour + 4)).padStart(2, '0')}:00` };
}

export function IntervalsEditor({ dayLabel, intervals, onChange, errors, disabled, max = 12, emptyText }: IntervalsEditorProps): ReactNode {
  const { t } = useTranslation('admin');
  const update = (index: number, field: 'start' | 'end', value: string): void => {
    onChange(intervals.map((interval, i) => (i === index ? { ...interval, [field]: value } : interval)));
  };
  return (
    <Stack gap={4}>
      {intervals.length === 0 && (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      )}
      {intervals.map((interval, index) => (
        <Group key={index} gap={6} align="flex-start" wrap="nowrap">
          <TextInput
            aria-label={t('schedule.startOf', { day: dayLabel, n: index + 1 })}
            value={interval.start}
            onChange={(e) => update(index, 'start', e.currentTarget.value)}
            placeholder="09:00"
            w={76}
            size="xs"
            error={errors[`${index}.start`]}
            disabled={disabled}
            inputMode="numeric"
            maxLength={5}
          />
          <Text size="sm" mt={4} aria-hidden>
            –
          </Text>
          <TextInput
            aria-label={t('schedule.endOf', { day: dayLabel, n: index + 1 })}
            value={interval.end}
            onChange={(e) => update(index, 'end', e.currentTarget.value)}
            placeholder="18:00"
            w={76}
            size="xs"
            error={errors[`${index}.end`]}
            disabled={disabled}
            inputMode="numeric"
            maxLength={5}
          />
          {!disabled && (
            <ActionIcon
              variant="subtle"
              color="red"
              mt={2}
              aria-label={t('schedule.removeInterval', { day: dayLabel, n: index + 1 })}
              onClick={() => onChange(intervals.filter((_, i) => i !== index))}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {!disabled && intervals.length < max && (
        <Button variant="subtle" size="compact-xs" w="fit-content" onClick={() => onChange([...intervals, nextInterval(intervals)])} aria-label={t('schedule.addIntervalTo', { day: dayLabel })}>
          + {t('schedule.addInterval')}
        </Button>
      )}
    </Stack>
  );
}

/** Problems of one day, re-keyed from `<prefix>.<index>.<field>` to `<index>.<field>`. */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  const own: Record<string, string> = {};
  for (const [key, value] of Object.entries(errors)) if (key.startsWith(`${prefix}.`)) own[key.slice(prefix.length + 1)] = value;
  return own;
}
