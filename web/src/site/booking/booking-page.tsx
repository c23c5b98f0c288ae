import 'dayjs/locale/uk';
import { Alert, Button, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api';
import { ErrorState, LoadingState } from '../../shared/states';
import type { Slot, Specialist } from '../../shared/types';
import { addDays, isDate, todayIn } from '../clinic-dates';
import { usePageTitle } from '../page-title';
import classes from '../site.module.css';
import { useClinic, useSpecialist } from '../site-queries';
import { emptyDetails, type BookingCreated, type BookingDetails } from './booking-details';
import { CheckEmailStep } from './check-email-step';
import { ChooseSpecialistStep } from './choose-specialist-step';
import { ChooseTimeStep } from './choose-time-step';
import { DetailsStep } from './details-step';

const STEPS = ['specialist', 'time', 'details', 'done'] as const;

/**
 * The booking wizard. The URL carries the choices that can be shared or reloaded
 * (?specialist=, ?date=, ?startsAt=); the visitor's details stay in memory only.
 */
export function BookingPage(): ReactNode {
  const { t, i18n } = useTranslation('site');
  usePageTitle(t('booking.title'));
  const wide = useMediaQuery('(min-width: 48em)');
  const [params, setParams] = useSearchParams();
  const specialistId = params.get('specialist');
  const startsAt = params.get('startsAt');
  const dateParam = params.get('date');
  const clinic = useClinic();
  const specialist = useSpecialist(specialistId);
  const timezone = clinic.data?.timezone ?? null;

  const [step, setActive] = useState(() => (specialistId ? 1 : 0));
  // The details step needs a chosen time; without one (a link edited by hand) the time step shows.
  const active = step === 2 && !startsAt ? 1 : step;
  const [day, setDay] = useState<string | null>(isDate(dateParam) ? dateParam : null);
  const [details, setDetails] = useState<BookingDetails>(emptyDetails);
  const [done, setDone] = useState<{ booking: BookingCreated; email: string } | null>(null);
  const [slotGone, setSlotGone] = useState(false);

  // A time in the link decides the day, in the clinic's calendar.
  useEffect(() => {
    if (startsAt && timezone && !Number.isNaN(Date.parse(startsAt))) setDay((current) => current ?? todayIn(timezone, new Date(startsAt)));
  }, [startsAt, timezone]);

  // Back to no specialist (the back button, or the header's "Book"): start again.
  useEffect(() => {
    if (!specialistId) {
      setActive(0);
      setDay(null);
      setDone(null);
    }
  }, [specialistId]);

  // Each step's heading takes focus, so keyboard and screen-reader users start at the new step.
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [active]);

  const update = useCallback(
    (changes: Record<string, string | null>, replace = false) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );

  const chooseSpecialist = (chosen: Specialist): void => {
    if (chosen.id !== specialistId) {
      setDay(null);
      update({ specialist: chosen.id, startsAt: null, date: null });
    }
    setSlotGone(false);
    setActive(1);
  };
  const chooseSlot = (slot: Slot): void => {
    setSlotGone(false);
    setDay(timezone ? todayIn(timezone, new Date(slot.startsAt)) : day);
    update({ startsAt: slot.startsAt, date: null }, true);
    setActive(2);
  };
  const onSelectedGone = useCallback(() => {
    setSlotGone(true);
    update({ startsAt: null }, true);
  }, [update]);
  const bookAnother = (): void => {
    setDone(null);
    setDay(null);
    setDetails((current) => ({ ...emptyDetails, name: current.name, email: current.email, phone: current.phone }));
    setParams(new URLSearchParams());
  };

  const labels = STEPS.map((step) => t(`booking.steps.${step}`));
  const ready = specialist.data && timezone;
  const lastDay = specialist.data && timezone ? addDays(todayIn(timezone), specialist.data.horizonDays) : '';

  let body: ReactNode;
  if (active > 0 && specialistId && specialist.isError && specialist.error instanceof ApiError && specialist.error.status < 500) {
    body = (
      <Alert color="gray" title={t('booking.specialistGoneTitle')}>
        <Stack gap="sm" align="flex-start">
          <Text>{t('booking.specialistGone')}</Text>
          <Button onClick={() => setParams(new URLSearchParams())}>{t('booking.chooseSpecialist')}</Button>
        </Stack>
      </Alert>
    );
  } else if (active === 0) {
    body = <ChooseSpecialistStep selectedId={specialistId} onChoose={chooseSpecialist} />;
  } else if (clinic.isError || specialist.isError) {
    const retry = (): void => void (clinic.isError ? clinic.refetch() : specialist.refetch());
    body = <ErrorState error={clinic.error ?? specialist.error} onRetry={retry} />;
  } else if (!ready) {
    body = <LoadingState />;
  } else if (active === 1) {
    body = (
      <Stack gap="md">
        {slotGone && (
          <Alert color="gray" variant="light">
            {t('booking.linkTimeGone')}
          </Alert>
        )}
        <ChooseTimeStep
          specialist={specialist.data}
          timezone={timezone}
          day={day}
          onDayChange={setDay}
          selected={startsAt}
          onChoose={chooseSlot}
          onSelectedGone={onSelectedGone}
        />
        {startsAt && (
          <Group>
            <Button onClick={() => setActive(2)}>{t('booking.continue')}</Button>
          </Group>
        )}
      </Stack>
    );
  } else if (active === 2 && startsAt) {
    body = (
      <DetailsStep
        specialist={specialist.data}
        startsAt={startsAt}
        timezone={timezone}
        lastDay={lastDay}
        clinic={{ name: clinic.data?.name ?? '', phone: clinic.data?.phone ?? '' }}
        details={details}
        onDetailsChange={setDetails}
        onChangeTime={() => setActive(1)}
        onChooseSlot={(slot) => {
          setDay(todayIn(timezone, new Date(slot.startsAt)));
          update({ startsAt: slot.startsAt }, true);
        }}
        onBooked={(booking, email) => {
          setDone({ booking, email });
          setActive(3);
        }}
      />
    );
  } else if (active === 3 && done) {
    body = (
      <CheckEmailStep
        booking={done.booking}
        email={done.email}
        specialist={specialist.data}
        timezone={timezone}
        clinicPhone={clinic.data?.phone ?? ''}
        onBookAnother={bookAnother}
      />
    );
  } else {
    body = <LoadingState />;
  }

  const stepTitle = active === 3 ? t('done.title') : t(`booking.stepTitles.${STEPS[active] ?? 'specialist'}`);

  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'uk', firstDayOfWeek: 1 }}>
      <Stack gap="lg">
        <Title order={1}>{t('booking.title')}</Title>
        <Stepper
          active={active}
          onStepClick={(step) => {
            if (!done && step < active) setActive(step);
          }}
          allowNextStepsSelect={false}
          size="sm"
          classNames={{ stepBody: classes.stepBody }}
          role="group"
          aria-label={t('booking.progress')}
        >
          {STEPS.map((step, index) => (
            <Stepper.Step
              key={step}
              label={labels[index]}
              description={wide && index === 0 && specialist.data && specialistId ? specialist.data.name : undefined}
              aria-current={index === active ? 'step' : undefined}
              allowStepSelect={!done && index < active}
            />
          ))}
        </Stepper>
        <Stack gap="md" component="section" aria-labelledby="step-title">
          <div>
            <Text size="sm" c="dimmed">
              {t('booking.stepOf', { step: active + 1, total: STEPS.length })}
            </Text>
            <Title order={2} id="step-title" ref={heading} tabIndex={-1} style={{ outlineOffset: 4 }}>
              {stepTitle}
            </Title>
          </div>
          {body}
        </Stack>
      </Stack>
    </DatesProvider>
  );
}
