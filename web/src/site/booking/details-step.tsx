import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api';
import { ErrorState } from '../../shared/states';
import type { Slot, Specialist } from '../../shared/types';
import { telHref } from '../site-footer';
import { siteKeys } from '../site-queries';
import {
  bookingRequest,
  NOTES_MAX,
  serverFieldErrors,
  validateDetails,
  type BookingCreated,
  type BookingDetails,
  type DetailsErrors,
  type DetailsField,
} from './booking-details';
import { BookingSummary } from './booking-summary';
import { NearestSlots } from './nearest-slots';
import { PrivacyNotice } from './privacy-notice';

interface Props {
  specialist: Specialist;
  startsAt: string;
  timezone: string;
  lastDay: string;
  clinic: { name: string; phone: string };
  details: BookingDetails;
  onDetailsChange: (details: BookingDetails) => void;
  onChangeTime: () => void;
  onChooseSlot: (slot: Slot) => void;
  onBooked: (booking: BookingCreated, email: string) => void;
}

const FIELD_ORDER: DetailsField[] = ['name', 'email', 'phone', 'notes', 'consent'];

type Problem = { kind: 'lost'; startsAt: string; reason: 'taken' | 'unavailable' } | { kind: 'rate_limited' } | { kind: 'failed'; error: unknown };

/** Step 3: who is coming, and their consent. A time lost meanwhile is offered again, not reported as a failure. */
export function DetailsStep({ specialist, startsAt, timezone, lastDay, clinic, details, onDetailsChange, onChangeTime, onChooseSlot, onBooked }: Props): ReactNode {
  const { t, i18n } = useTranslation('site');
  const queries = useQueryClient();
  const [errors, setErrors] = useState<DetailsErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const inputs = useRef<Partial<Record<DetailsField, HTMLInputElement | HTMLTextAreaElement | null>>>({});

  const book = useMutation({
    mutationFn: (request: ReturnType<typeof bookingRequest>) => api.post<BookingCreated>('/api/bookings', request),
    onSuccess: (booking, request) => {
      void queries.invalidateQueries({ queryKey: siteKeys.slotsOf(specialist.id) });
      onBooked(booking, request.email);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && error.code === 'slot_taken') {
        setProblem({ kind: 'lost', startsAt, reason: 'taken' });
        void queries.invalidateQueries({ queryKey: siteKeys.slotsOf(specialist.id) });
      } else if (error instanceof ApiError && error.status === 429) {
        setProblem({ kind: 'rate_limited' });
      } else if (error instanceof ApiError && error.status === 400 && Object.keys(error.fields).length > 0) {
        const fieldErrors = serverFieldErrors(error.fields);
        setErrors(fieldErrors);
        if (error.fields.startsAt) setProblem({ kind: 'lost', startsAt, reason: 'unavailable' });
        else if (Object.keys(fieldErrors).length === 0) setProblem({ kind: 'failed', error });
        else focusFirst(fieldErrors);
      } else {
        setProblem({ kind: 'failed', error });
      }
    },
  });

  function focusFirst(found: DetailsErrors): void {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) inputs.current[first]?.focus();
  }

  function change<K extends DetailsField>(field: K, value: BookingDetails[K]): void {
    onDetailsChange({ ...details, [field]: value });
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    const found = validateDetails(details);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    book.mutate(bookingRequest(details, { specialistId: specialist.id, startsAt }, i18n.language === 'en' ? 'en' : 'uk'));
  }

  const error = (field: DetailsField): string | undefined => (errors[field] ? t(errors[field]) : undefined);
  const lost = problem?.kind === 'lost' && problem.startsAt === startsAt ? problem : null;

  return (
    <Stack gap="lg" maw={640}>
      {lost ? (
        <NearestSlots
          specialistId={specialist.id}
          lostStartsAt={lost.startsAt}
          reason={lost.reason}
          timezone={timezone}
          lastDay={lastDay}
          onChoose={(slot) => {
            setProblem(null);
            onChooseSlot(slot);
          }}
          onOtherDay={onChangeTime}
        />
      ) : (
        <BookingSummary specialist={specialist} startsAt={startsAt} timezone={timezone} onChangeTime={onChangeTime} />
      )}

      <form noValidate onSubmit={submit} aria-labelledby="step-title">
        <Stack gap="md">
          <Text size="sm">{t('form.required')}</Text>
          <TextInput
            ref={(node) => void (inputs.current.name = node)}
            label={t('form.name')}
            autoComplete="name"
            required
            value={details.name}
            onChange={(event) => change('name', event.currentTarget.value)}
            error={error('name')}
          />
          <TextInput
            ref={(node) => void (inputs.current.email = node)}
            label={t('form.email')}
            description={t('form.emailHint')}
            type="email"
            autoComplete="email"
            required
            value={details.email}
            onChange={(event) => change('email', event.currentTarget.value)}
            error={error('email')}
          />
          <TextInput
            ref={(node) => void (inputs.current.phone = node)}
            label={t('form.phone')}
            description={t('form.phoneHint')}
            type="tel"
            autoComplete="tel"
            value={details.phone}
            onChange={(event) => change('phone', event.currentTarget.value)}
            error={error('phone')}
          />
          <Textarea
            ref={(node) => void (inputs.current.notes = node)}
            label={t('form.notes')}
            description={t('form.notesCount', { count: details.notes.length, max: NOTES_MAX })}
            autosize
            minRows={3}
            maxRows={10}
            value={details.notes}
            onChange={(event) => change('notes', event.currentTarget.value)}
            error={error('notes')}
          />
          <Stack gap={4}>
            <Checkbox
              ref={(node) => void (inputs.current.consent = node)}
              label={t('form.consent')}
              required
              checked={details.consent}
              onChange={(event) => change('consent', event.currentTarget.checked)}
              error={error('consent')}
            />
            <Text size="sm" pl={32}>
              {t('privacy.short', { clinic: clinic.name })}
            </Text>
            <Group pl={32}>
              <PrivacyNotice clinicName={clinic.name} />
            </Group>
          </Stack>

          {problem?.kind === 'rate_limited' && (
            <Alert color="blue" variant="light" title={t('booking.slowDownTitle')}>
              <Trans
                t={t}
                i18nKey="booking.slowDown"
                values={{ phone: clinic.phone }}
                components={{ phone: <Anchor href={telHref(clinic.phone)} underline="always" style={{ whiteSpace: 'nowrap' }} /> }}
              />
            </Alert>
          )}
          {problem?.kind === 'failed' && <ErrorState error={problem.error} />}

          <Group>
            <Button type="submit" size="md" loading={book.isPending}>
              {t('form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
