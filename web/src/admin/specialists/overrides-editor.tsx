// Dates that differ from the usual week: a day off, a vacation (a range of days off), or
// different hours on a date or a range of dates.
import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../shared/format';
import type { DateOverride } from '../lib/admin-types';
import { useCalendarProps } from '../lib/calendar-props';
import { addDays } from '../lib/clinic-time';
import { errorsUnder, IntervalsEditor } from './intervals-editor';

type Kind = 'dayOff' | 'vacation' | 'hours';

export function kindOf(override: DateOverride): Kind {
  if (override.intervals.length > 0) return 'hours';
  return override.until !== undefined ? 'vacation' : 'dayOff';
}

function withKind(override: DateOverride, kind: Kind): DateOverride {
  const date = override.date;
  if (kind === 'dayOff') return { date, intervals: [] };
  if (kind === 'vacation') return { date, until: override.until ?? (date ? addDays(date, 6) : undefined), intervals: [] };
  return { date, ...(override.until ? { until: override.until } : {}), intervals: override.intervals.length ? override.intervals : [{ start: '09:00', end: '14:00' }] };
}

export function OverridesEditor({
  overrides,
  onChange,
  errors,
  disabled,
  today,
}: {
  overrides: DateOverride[];
  onChange: (overrides: DateOverride[]) => void;
  errors: Record<string, string>;
  disabled?: boolean;
  today: string;
}): ReactNode {
  const { t } = useTranslation('admin');
  const calendarProps = useCalendarProps();
  const update = (index: number, next: DateOverride): void => onChange(overrides.map((o, i) => (i === index ? next : o)));
  const kinds: Array<{ value: Kind; label: string }> = [
    { value: 'dayOff', label: t('schedule.kinds.dayOff') },
    { value: 'vacation', label: t('schedule.kinds.vacation') },
    { value: 'hours', label: t('schedule.kinds.hours') },
  ];
  return (
    <Stack gap="xs">
      {overrides.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('schedule.noOverrides')}
        </Text>
      )}
      {overrides.map((override, index) => {
        const kind = kindOf(override);
        const label = override.date ? formatCalendarDate(override.date) : t('schedule.newOverride');
        const past = (override.until ?? override.date) < today && override.date !== '';
        return (
          <Paper key={index} withBorder p="xs" bg={past ? 'gray.0' : undefined}>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <Select
                label={t('schedule.kind')}
                data={kinds}
                value={kind}
                onChange={(value) => value && update(index, withKind(override, value as Kind))}
                allowDeselect={false}
                w={170}
                size="xs"
                disabled={disabled}
              />
              <DateInput
                {...calendarProps}
                label={kind === 'dayOff' ? t('schedule.date') : t('schedule.from')}
                value={override.date || null}
                onChange={(value) => update(index, { ...override, date: value ?? '' })}
                                w={140}
                size="xs"
                error={errors[`overrides.${index}.date`]}
                disabled={disabled}
              />
              {kind !== 'dayOff' && (
                <DateInput
                  {...calendarProps}
                {...calendarProps}
                  label={t('schedule.until')}
                  value={override.until ?? null}
                  onChange={(value) => update(index, value ? { ...override, until: value } : { date: override.date, intervals: override.intervals })}
                                    w={140}
                  size="xs"
                  clearable={kind === 'hours'}
                  minDate={override.date || undefined}
                  error={errors[`overrides.${index}.until`]}
                  disabled={disabled}
                />
              )}
              {kind === 'hours' && (
                <Stack gap={2}>
                  <Text size="xs" fw={500}>
                    {t('schedule.hours')}
                  </Text>
                  <IntervalsEditor
                    dayLabel={label}
                    intervals={override.intervals}
                    onChange={(intervals) => update(index, { ...override, intervals })}
                    errors={errorsUnder(errors, `overrides.${index}.intervals`)}
                    disabled={disabled}
                    emptyText=""
                  />
                </Stack>
              )}
              {!disabled && (
                <Button variant="subtle" color="red" size="compact-sm" mt={22} ml="auto" aria-label={t('schedule.removeOverride', { date: label })} onClick={() => onChange(overrides.filter((_, i) => i !== index))}>
                  {t('form.remove')}
                </Button>
              )}
            </Group>
            {past && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('schedule.past')}
              </Text>
            )}
          </Paper>
        );
      })}
      {!disabled && (
        <Button variant="light" size="xs" w="fit-content" onClick={() => onChange([...overrides, { date: today, intervals: [] }])}>
          + {t('schedule.addOverride')}
        </Button>
      )}
    </Stack>
  );
}
