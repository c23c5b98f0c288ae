// A staff booking: a phone call or a walk-in, straight into "booked". The client is an existing
// contact found by name, e-mail or phone, or a new one (name and e-mail).
import { Alert, Button, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import type { Contact, Locale, Page, StaffBooking } from '../../shared/types';
import { AdminModal } from '../layout/admin-modal';
import { useCalendarProps } from '../lib/calendar-props';
import { hasStarted, instantAt } from '../lib/clinic-time';
import { useZone } from '../lib/clinic-zone';
import { fieldProblems, notifyDone, problemText } from '../lib/notify';
import { keys, useSpecialists } from '../lib/queries';

export interface BookingStart {
  specialistId: string | null;
  date: string;
  time: string;
  minutes: number | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+0-9 ()-]{5,40}$/;

function ContactPicker({ value, onChange, error }: { value: string | null; onChange: (id: string | null) => void; error?: string }): ReactNode {
  const { t } = useTranslation('admin');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const found = useQuery({
    queryKey: [...keys.contacts, 'pick', debounced],
    queryFn: () => api.get<Page<Contact>>(`/api/admin/contacts${query({ q: debounced, limit: 20 })}`),
    placeholderData: (previous) => previous,
  });
  return (
    <Select
      label={t('booking.findClient')}
      placeholder={t('filters.searchHint')}
      searchable
      clearable
      required
      withAsterisk={false}
      searchValue={search}
      onSearchChange={setSearch}
      value={value}
      onChange={onChange}
      // The server already searched name, e-mail and phone; don't filter its answer again.
      filter={({ options }) => options}
      data={(found.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.email}${c.phone ? ` · ${c.phone}` : ''}` }))}
      nothingFoundMessage={found.isFetching ? t('loading', { ns: 'common' }) : t('booking.noneFound')}
      error={error}
    />
  );
}

export function NewBookingModal({ start, onClose }: { start: BookingStart | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  return (
    <AdminModal opened={start !== null} onClose={onClose} size="lg" title={t('booking.title')}>
      {start && <NewBookingForm start={start} onClose={onClose} />}
    </AdminModal>
  );
}

function NewBookingForm({ start, onClose }: { start: BookingStart; onClose: () => void }): ReactNode {
  const { t } = useTranslation('admin');
  const calendarProps = useCalendarProps();
  const zone = useZone();
  const client = useQueryClient();
  const specialists = useSpecialists();
  const [specialistId, setSpecialistId] = useState<string | null>(start.specialistId);
  const [date, setDate] = useState<string | null>(start.date);
  const [time, setTime] = useState(start.time);
  const [minutes, setMinutes] = useState<number | string>(start.minutes ?? '');
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [contactId, setContactId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [locale, setLocale] = useState<Locale>('uk');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const specialist = specialists.data?.find((s) => s.id === specialistId);

  const book = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<StaffBooking>('/api/admin/bookings', body),
    onSuccess: (booking) => {
      notifyDone(t('booking.done', { name: booking.contact.name, when: formatDateTime(booking.startsAt, zone) }));
      void client.invalidateQueries({ queryKey: ['admin'] });
      onClose();
    },
    onError: (error) => setErrors(fieldProblems(error)),
  });

  const submit = (): void => {
    const problems: Record<string, string> = {};
    if (!specialistId) problems.specialistId = t('form.required');
    if (!date) problems.startsAt = t('form.required');
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) problems.time = t('form.timeInvalid');
    if (minutes !== '' && (Number(minutes) < 5 || Number(minutes) > 720)) problems.durationMinutes = t('booking.minutesRange');
    if (mode === 'existing' && !contactId) problems.contactId = t('booking.pickClient');
    if (mode === 'new') {
      if (!name.trim()) problems.name = t('form.required');
      if (!EMAIL.test(email.trim())) problems.email = t('form.emailInvalid');
      if (phone.trim() && !PHONE.test(phone.trim())) problems.phone = t('form.phoneInvalid');
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !date || !specialistId) return;
    book.mutate({
      specialistId,
      startsAt: instantAt(date, time, zone),
      ...(minutes !== '' ? { durationMinutes: Number(minutes) } : {}),
      ...(mode === 'existing' ? { contactId } : { name: name.trim(), email: email.trim(), phone: phone.trim() || null, locale }),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
  };

  const past = date && /^([01]\d|2[0-3]):[0-5]\d$/.test(time) ? hasStarted(instantAt(date, time, zone)) : false;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!book.isPending) submit();
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('fields.specialist')}
            data={(specialists.data ?? []).filter((s) => s.active || s.id === specialistId).map((s) => ({ value: s.id, label: `${s.name} · ${s.specialty}` }))}
            value={specialistId}
            onChange={setSpecialistId}
            error={errors.specialistId}
            searchable
          />
          <NumberInput
            label={t('booking.minutes')}
            description={specialist ? t('booking.minutesDefault', { count: specialist.consultationMinutes }) : undefined}
            value={minutes}
            onChange={setMinutes}
            min={5}
            max={720}
            step={5}
            error={errors.durationMinutes}
          />
          <DateInput {...calendarProps} label={t('booking.date')} value={date} onChange={setDate} error={errors.startsAt} />
          <TimeInput label={t('booking.time')} description={zone} value={time} onChange={(e) => setTime(e.currentTarget.value)} error={errors.time} />
        </SimpleGrid>
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value as 'existing' | 'new')}
          data={[
            { value: 'existing', label: t('booking.existing') },
            { value: 'new', label: t('booking.new') },
          ]}
          aria-label={t('fields.client')}
        />
        {mode === 'existing' ? (
          <ContactPicker value={contactId} onChange={setContactId} error={errors.contactId} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} maxLength={200} />
            <TextInput label={t('fields.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} />
            <TextInput label={t('fields.phone')} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors.phone} />
            <Select
              label={t('fields.language')}
              value={locale}
              onChange={(value) => value && setLocale(value as Locale)}
              allowDeselect={false}
              data={[
                { value: 'uk', label: t('languages.uk', { ns: 'common' }) },
                { value: 'en', label: t('languages.en', { ns: 'common' }) },
              ]}
            />
          </SimpleGrid>
        )}
        <Textarea label={t('fields.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} maxLength={2000} autosize minRows={2} error={errors.notes} />
        <Alert color="blue" variant="light" role="note" title={t('actions.emailTitle')}>
          {past ? t('booking.emailPast') : t('booking.email')}
        </Alert>
        {book.isError && (
          <Alert color="red" role="alert" title={t('couldNot')}>
            {problemText(book.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('form.back')}
          </Button>
          <Button type="submit" loading={book.isPending}>
            {t('booking.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
