import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AppointmentStatus } from '../../shared/types';
import { STATUSES } from '../lib/admin-types';
import { useCalendarProps } from '../lib/calendar-props';
import { addDays, clinicToday, mondayOf } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { useSpecialists } from '../lib/queries';

export interface AppointmentFilters {
  status?: string;
  specialistId?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** The list's filters live in the address, so a filtered list can be bookmarked, shared and returned to. */
export function useAppointmentFilters(): [AppointmentFilters, (change: Partial<AppointmentFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: AppointmentFilters = {};
  for (const key of ['status', 'specialistId', 'from', 'to', 'q'] as const) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const change = (next: Partial<AppointmentFilters>): void => {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        for (const [key, value] of Object.entries(next)) {
          if (value) updated.set(key, value);
          else updated.delete(key);
        }
        return updated;
      },
      { replace: true },
    );
  };
  return [filters, change];
}

export function AppointmentFiltersBar({ filters, onChange }: { filters: AppointmentFilters; onChange: (change: Partial<AppointmentFilters>) => void }): ReactNode {
  const { t } = useTranslation('admin');
  const calendarProps = useCalendarProps();
  const zone = useZone();
  const specialists = useSpecialists();
  const [text, setText] = useState(filters.q ?? '');
  const search = useDebouncedCallback((value: string) => onChange({ q: value.trim() || undefined }), 350);
  const today = clinicToday(zone);
  const statuses = filters.status ? (filters.status.split(',') as AppointmentStatus[]) : [];

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label={t('filters.search')}
        placeholder={t('filters.searchHint')}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          search(e.currentTarget.value);
        }}
        w={240}
        type="search"
      />
      <MultiSelect
        label={t('fields.status')}
        placeholder={statuses.length === 0 ? t('filters.anyStatus') : undefined}
        data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={statuses}
        onChange={(value) => onChange({ status: value.join(',') || undefined })}
        clearable
        w={300}
      />
      <Select
        label={t('fields.specialist')}
        placeholder={t('filters.anySpecialist')}
        data={(specialists.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={filters.specialistId ?? null}
        onChange={(value) => onChange({ specialistId: value ?? undefined })}
        clearable
        searchable
        w={220}
      />
      <DatePickerInput
        {...calendarProps}
        type="range"
        label={t('filters.dates')}
        placeholder={t('filters.anyDate')}
        value={[filters.from ?? null, filters.to ?? null]}
        onChange={([from, to]) => onChange({ from: from ?? undefined, to: to ?? undefined })}
        clearable
        allowSingleDateInRange
        w={250}
      />
      <Group gap={4}>
        <Button variant="subtle" size="xs" onClick={() => onChange({ from: today, to: today })}>
          {t('filters.today')}
        </Button>
        <Button variant="subtle" size="xs" onClick={() => onChange({ from: mondayOf(today), to: addDays(mondayOf(today), 6) })}>
          {t('filters.thisWeek')}
        </Button>
        <Button variant="subtle" size="xs" onClick={() => onChange({ from: today, to: undefined })}>
          {t('filters.upcoming')}
        </Button>
      </Group>
    </Group>
  );
}
