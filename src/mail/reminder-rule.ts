/**
 * Which reminder is due for an appointment at `now`: the most imminent offset whose moment has
 * come, and only if that moment came after the appointment got its time (a booking made three
 * hours ahead gets no "tomorrow" reminder). A larger offset that was missed is never sent late
 * once a smaller one is due. Pure; returns the offset in minutes, or null.
 */
export function dueReminderOffset(args: { startsAt: Date; timeSetAt: Date; offsetsMinutes: number[]; now: Date }): number | null {
  const start = args.startsAt.getTime();
  const now = args.now.getTime();
  if (now >= start) return null;
  const due = args.offsetsMinutes.filter((offset) => start - offset * 60_000 <= now);
  if (due.length === 0) return null;
  const mostImminent = Math.min(...due);
  return start - mostImminent * 60_000 >= args.timeSetAt.getTime() ? mostImminent : null;
}

/** The once-only key of a reminder: a moved appointment gets new reminders, each still once. */
export function reminderKey(appointmentId: string, offsetMinutes: number, startsAt: Date): string {
  return `reminder:${appointmentId}:${offsetMinutes}:${startsAt.getTime()}`;
}
