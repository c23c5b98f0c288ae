// The diary: a day or week per specialist or for everyone, status by colour. Click an
// appointment to open it, drag it to move it, click free time to book someone in.
//
// FullCalendar only knows UTC and the browser's zone without a time-zone plugin, so the calendar
// runs in UTC and is fed the clinic's wall-clock times as if they were UTC: 10:00 at the clinic
// is drawn at 10:00 whatever zone the receptionist's computer is in.
import type { DateSelectArg, DatesSetArg, EventClickArg, EventDropArg, EventInput } from '@fullcalendar/core';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import ukLocale from '@fullcalendar/core/locales/uk';
import interactionPlugin from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { Button, Group, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState } from '../../shared/states';
import type { StaffBooking } from '../../shared/types';
import { NewBookingModal, type BookingStart } from '../appointments/new-booking-modal';
import { PageHeader } from '../layout/page-header';
import { ACTIVE_STATUSES, STATUSES } from '../lib/admin-types';
import { addDays, clinicToday, localParts, minutesBetween } from '../lib/clinic-time';
import { useClinicBasics } from '../lib/clinic-zone';
import { fetchAllPages } from '../lib/paging';
import { useSpecialists } from '../lib/queries';
import { STATUS_HEX, STATUS_TEXT } from '../lib/status';
import classes from './calendar-page.module.css';
import { MoveModal, type PendingMove } from './move-modal';

/** The clinic's wall-clock time of an instant, as a UTC ISO string for the calendar. */
function asWallClock(instant: string | Date, zone: string): string {
  const { date, time } = localParts(instant, zone);
  return `${date}T${time}:00Z`;
}

/** The earliest opening and latest closing of the week, an hour either side, for the grid's range. */
function gridHours(openingHours: Record<string, Array<{ start: string; end: string }>>): { min: string; max: string } {
  const intervals = Object.values(openingHours).flat();
  if (intervals.length === 0) return { min: '07:00:00', max: '21:00:00' };
  const start = intervals.map((i) => i.start).sort()[0] ?? '08:00';
  const end = intervals.map((i) => i.end).sort().reverse()[0] ?? '20:00';
  const pad = (hours: number): string => `${String(Math.min(24, Math.max(0, hours))).padStart(2, '0')}:00:00`;
  return { min: pad(Number(start.slice(0, 2)) - 1), max: pad(Number(end.slice(0, 2)) + 1 + (end.slice(3) === '00' ? 0 : 1)) };
}

export function CalendarPage(): ReactNode {
  const { t, i18n } = useTranslation('admin');
  const clinic = useClinicBasics();
  const zone = clinic.timezone;
  const navigate = useNavigate();
  const specialists = useSpecialists();
  const [specialistId, setSpecialistId] = useState<string | null>(null);
  const [showClosed, setShowClosed] = useState(false);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [booking, setBooking] = useState<BookingStart | null>(null);
  const [move, setMove] = useState<PendingMove | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The toolbar's arrows are drawn as role="img" with no text (the buttons carry the words):
    // hide them from screen readers whenever FullCalendar draws them again.
    const root = frame.current;
    if (!root) return undefined;
    const hideIcons = (): void => root.querySelectorAll('.fc-icon:not([aria-hidden])').forEach((icon) => icon.setAttribute('aria-hidden', 'true'));
    hideIcons();
    const observer = new MutationObserver(hideIcons);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  const list = useQuery({
    queryKey: ['admin', 'bookings', 'calendar', range, specialistId],
    queryFn: () => fetchAllPages<StaffBooking>('/api/admin/bookings', { from: range?.from, to: range?.to, specialistId }),
    enabled: range !== null,
    placeholderData: (previous) => previous,
  });
  const nameOf = (id: string): string => specialists.data?.find((s) => s.id === id)?.name ?? '';
  const hours = useMemo(() => gridHours(clinic.openingHours), [clinic.openingHours]);

  const events: EventInput[] = (list.data?.items ?? [])
    .filter((b) => showClosed || ACTIVE_STATUSES.includes(b.status) || b.status === 'completed' || b.status === 'no_show')
    .map((b) => ({
      // FullCalendar keeps an event's element while its id stays the same, and eventDidMount, which
      // names the appointment for keyboard and screen-reader users, runs only when an element is
      // made: with the time and status in the id, a moved appointment is drawn, and named, anew
      // instead of keeping the old time in its name.
      id: `${b.id} ${b.startsAt} ${b.status}`,
      title: specialistId ? b.contact.name : `${b.contact.name} · ${nameOf(b.specialistId)}`,
      start: asWallClock(b.startsAt, zone),
      end: asWallClock(b.endsAt, zone),
      backgroundColor: STATUS_HEX[b.status],
      borderColor: STATUS_HEX[b.status],
      textColor: STATUS_TEXT[b.status],
      startEditable: ACTIVE_STATUSES.includes(b.status),
      durationEditable: false,
      classNames: b.status === 'cancelled' || b.status === 'expired' ? [classes.closed ?? ''] : [],
      extendedProps: { booking: b },
    }));

  const onDates = (arg: DatesSetArg): void => {
    const from = arg.start.toISOString().slice(0, 10);
    const to = addDays(arg.end.toISOString().slice(0, 10), -1);
    if (range?.from !== from || range?.to !== to) setRange({ from, to });
  };
  const onClick = (arg: EventClickArg): void => {
    arg.jsEvent.preventDefault();
    const b = arg.event.extendedProps.booking as StaffBooking | undefined;
    if (b) void navigate(`/admin/appointments/${b.id}`);
  };
  const onSelect = (arg: DateSelectArg): void => {
    arg.view.calendar.unselect();
    const minutes = Math.round((arg.end.getTime() - arg.start.getTime()) / 60_000);
    // A click picks one 5-minute snap inside a quarter-hour row: start at the row's own time.
    const start = minutes > 15 ? arg.start : new Date(Math.floor(arg.start.getTime() / 900_000) * 900_000);
    setBooking({
      specialistId,
      date: start.toISOString().slice(0, 10),
      time: start.toISOString().slice(11, 16),
      minutes: minutes > 15 ? minutes : null,
    });
  };
  const onDrop = (arg: EventDropArg): void => {
    const moved = arg.event.start;
    const original = arg.event.extendedProps.booking as StaffBooking | undefined;
    if (!moved || !original) return arg.revert();
    setMove({ booking: original, date: moved.toISOString().slice(0, 10), time: moved.toISOString().slice(11, 16), revert: arg.revert });
  };

  const today = clinicToday(zone);
  return (
    <Stack>
      <PageHeader
        title={t('nav.calendar')}
        description={t('calendar.description', { zone })}
        actions={
          <Button onClick={() => setBooking({ specialistId, date: today, time: '09:00', minutes: null })}>{t('booking.open')}</Button>
        }
      />
      <Group align="flex-end" gap="md">
        <Select
          label={t('fields.specialist')}
          data={[{ value: '', label: t('calendar.all') }, ...(specialists.data ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.specialty}` }))]}
          value={specialistId ?? ''}
          onChange={(value) => setSpecialistId(value || null)}
          allowDeselect={false}
          w={300}
        />
        <Switch label={t('calendar.showClosed')} checked={showClosed} onChange={(e) => setShowClosed(e.currentTarget.checked)} mb={6} />
      </Group>
      <Group gap="xs" aria-label={t('calendar.legend')} role="list">
        {STATUSES.map((status) => (
          <Group key={status} gap={4} role="listitem">
            <span className={classes.swatch} style={{ background: STATUS_HEX[status] }} />
            <Text size="xs">{t(`status.${status}`)}</Text>
          </Group>
        ))}
      </Group>
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      <Paper withBorder p="sm" className={classes.calendar} aria-busy={list.isFetching} ref={frame}>
        <FullCalendar
          plugins={[timeGridPlugin, interactionPlugin]}
          initialView="timeGridWeek"
          timeZone="UTC"
          now={() => asWallClock(new Date(), zone)}
          locale={i18n.language === 'en' ? enGbLocale : ukLocale}
          firstDay={1}
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek' }}
          buttonText={i18n.language === 'en' ? { today: 'Today', day: 'Day', week: 'Week' } : undefined}
          allDaySlot={false}
          slotMinTime={hours.min}
          slotMaxTime={hours.max}
          slotDuration="00:15:00"
          snapDuration="00:05:00"
          slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          nowIndicator
          height="auto"
          expandRows
          selectable
          selectMirror
          editable
          eventInteractive
          eventOverlap
          events={events}
          datesSet={onDates}
          eventClick={onClick}
          select={onSelect}
          eventDrop={onDrop}
          eventDidMount={(arg) => {
            // The selection's mirror is an event too, with no appointment behind it.
            const b = arg.event.extendedProps.booking as StaffBooking | undefined;
            if (!b) return;
            arg.el.setAttribute('aria-label', `${b.contact.name}, ${nameOf(b.specialistId)}, ${t(`status.${b.status}`)}, ${localParts(b.startsAt, zone).time} (${minutesBetween(b.startsAt, b.endsAt)} min)`);
          }}
        />
      </Paper>
      <Text size="xs" c="dimmed">
        {t('calendar.help')}
      </Text>
      <NewBookingModal start={booking} onClose={() => setBooking(null)} />
      <MoveModal move={move} onClose={() => setMove(null)} />
    </Stack>
  );
}
