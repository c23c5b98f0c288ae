import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type Clinic, type Interval } from '../shared/types';
import classes from './site.module.css';

const LOCALE_TAGS: Record<string, string> = { uk: 'uk-UA', en: 'en-GB' };

/** Weekday names in the page's language; 1 January 2024 was a Monday. */
function weekdayName(index: number, language: string, style: 'long' | 'short'): string {
  const name = new Intl.DateTimeFormat(LOCALE_TAGS[language] ?? 'uk-UA', { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + index)));
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const hoursText = (intervals: Interval[]): string => intervals.map((interval) => `${interval.start}–${interval.end}`).join(', ');

/** The week as runs of days with the same hours: "Mon–Fri 08:00–20:00", "Sun closed". */
export function OpeningHours({ hours }: { hours: Clinic['openingHours'] }): ReactNode {
  const { t, i18n } = useTranslation('site');
  const runs: Array<{ first: number; last: number; text: string }> = [];
  WEEKDAYS.forEach((day, index) => {
    const text = hoursText(hours[day] ?? []);
    const previous = runs[runs.length - 1];
    if (previous && previous.text === text && previous.last === index - 1) previous.last = index;
    else runs.push({ first: index, last: index, text });
  });
  const style = runs.length > 3 ? 'short' : 'long';
  return (
    <dl className={classes.hours}>
      {runs.map((run) => (
        <div key={run.first} style={{ display: 'contents' }}>
          <Text component="dt" fw={600}>
            {run.first === run.last
              ? weekdayName(run.first, i18n.language, style)
              : `${weekdayName(run.first, i18n.language, style)}–${weekdayName(run.last, i18n.language, style)}`}
          </Text>
          <Text component="dd">{run.text || t('hours.closed')}</Text>
        </div>
      ))}
    </dl>
  );
}
