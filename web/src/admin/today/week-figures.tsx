// The week at a glance: how many appointments this week, how many the clients confirmed, how many
// were missed or cancelled, and a bar per day coloured by status.
import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../shared/format';
import { ErrorState, LoadingState } from '../../shared/states';
import type { AppointmentStatus, StaffBooking } from '../../shared/types';
import { STATUSES } from '../lib/admin-types';
import { addDays, clinicToday, datesBetween, localParts, mondayOf } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { fetchAllPages } from '../lib/paging';
import { STATUS_HEX } from '../lib/status';

export interface WeekFigures {
  made: number;
  confirmed: number;
  noShows: number;
  cancellations: number;
  perDay: Array<{ date: string; counts: Record<AppointmentStatus, number>; total: number }>;
}

const CONFIRMED_BY_CLIENT: AppointmentStatus[] = ['confirmed', 'booked', 'completed', 'no_show'];

/** The figures of a week's appointments (Monday to Sunday, by start time). Pure. */
export function weekFigures(bookings: StaffBooking[], monday: string, timeZone: string): WeekFigures {
  const perDay = datesBetween(monday, addDays(monday, 6)).map((date) => ({
    date,
    counts: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<AppointmentStatus, number>,
    total: 0,
  }));
  for (const booking of bookings) {
    const day = perDay.find((d) => d.date === localParts(booking.startsAt, timeZone).date);
    if (!day) continue;
    day.counts[booking.status] += 1;
    day.total += 1;
  }
  return {
    made: bookings.length,
    confirmed: bookings.filter((b) => CONFIRMED_BY_CLIENT.includes(b.status)).length,
    noShows: bookings.filter((b) => b.status === 'no_show').length,
    cancellations: bookings.filter((b) => b.status === 'cancelled').length,
    perDay,
  };
}

function Figure({ label, value, of, color }: { label: string; value: number; of: number; color: string }): ReactNode {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
      <Progress value={of > 0 ? (value / of) * 100 : 0} color={color} size="sm" aria-hidden />
    </Paper>
  );
}

export function WeekFiguresPanel(): ReactNode {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const monday = mondayOf(clinicToday(zone));
  const sunday = addDays(monday, 6);
  const query = useQuery({
    queryKey: ['admin', 'bookings', 'week', monday],
    queryFn: () => fetchAllPages<StaffBooking>('/api/admin/bookings', { from: monday, to: sunday }),
  });

  return (
    <Stack gap="sm" component="section" aria-labelledby="week-title">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h4" id="week-title">
          {t('today.week.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {formatCalendarDate(monday)} – {formatCalendarDate(sunday)}
        </Text>
      </Group>
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <WeekBody figures={weekFigures(query.data.items, monday, zone)} />}
    </Stack>
  );
}

function WeekBody({ figures }: { figures: WeekFigures }): ReactNode {
  const { t, i18n } = useTranslation('admin');
  const highest = Math.max(1, ...figures.perDay.map((d) => d.total));
  const weekday = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'uk-UA', { weekday: 'short', timeZone: 'UTC' });
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Figure label={t('today.week.made')} value={figures.made} of={figures.made} color="blue" />
        <Figure label={t('today.week.confirmed')} value={figures.confirmed} of={figures.made} color="teal" />
        <Figure label={t('today.week.noShows')} value={figures.noShows} of={figures.made} color="red" />
        <Figure label={t('today.week.cancellations')} value={figures.cancellations} of={figures.made} color="gray" />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('today.week.explain')}
      </Text>
      <Paper withBorder p="sm">
        <Group gap="lg" align="flex-end" justify="space-around" wrap="nowrap" role="list" aria-label={t('today.week.chart')}>
          {figures.perDay.map((day) => {
            const described = STATUSES.filter((s) => day.counts[s] > 0)
              .map((s) => `${t(`status.${s}`)}: ${day.counts[s]}`)
              .join(', ');
            return (
              <Stack key={day.date} gap={4} align="center" role="listitem" aria-label={`${weekday.format(new Date(`${day.date}T12:00:00Z`))}: ${day.total}${described ? ` (${described})` : ''}`}>
                <Text size="xs" fw={600} aria-hidden>
                  {day.total}
                </Text>
                <Tooltip label={described || t('today.week.none')} withArrow>
                  <Progress.Root orientation="vertical" h={110} size={26} aria-hidden>
                    {STATUSES.filter((s) => day.counts[s] > 0).map((s) => (
                      <Progress.Section key={s} value={(day.counts[s] / highest) * 100} color={STATUS_HEX[s]} withAria={false} />
                    ))}
                  </Progress.Root>
                </Tooltip>
                <Text size="xs" c="dimmed" aria-hidden>
                  {weekday.format(new Date(`${day.date}T12:00:00Z`))}
                </Text>
              </Stack>
            );
          })}
        </Group>
        <Group gap="sm" mt="sm" justify="center" aria-hidden>
          {STATUSES.map((s) => (
            <Group key={s} gap={4}>
              <Progress.Root size={10} w={10}>
                <Progress.Section value={100} color={STATUS_HEX[s]} withAria={false} />
              </Progress.Root>
              <Text size="xs">{t(`status.${s}`)}</Text>
            </Group>
          ))}
        </Group>
      </Paper>
    </Stack>
  );
}
