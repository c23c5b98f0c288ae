// The words of scheduling, shared by the slot rules, the booking service and the admin screens.
// Wall-clock values ("HH:MM", "YYYY-MM-DD") are always in the clinic's time zone; instants are `Date`s.

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock "HH:MM"; end > start, and "24:00" is allowed as an end (work until midnight). */
export interface WorkingInterval {
  start: string;
  end: string;
}

/** A specialist's usual week. A weekday with no intervals is a day off. */
export type WeeklySchedule = Record<Weekday, WorkingInterval[]>;

/**
 * Hours that replace the weekly ones on `date` (YYYY-MM-DD), or on every day from `date` to `until`
 * inclusive (a vacation). Empty `intervals` means the specialist does not work on those dates.
 */
export interface DateOverride {
  date: string;
  until?: string;
  intervals: WorkingInterval[];
}

export interface SlotRules {
  /** Length of one consultation. */
  consultationMinutes: number;
  /** Time kept free before and after every appointment (cleaning, notes). */
  bufferMinutes: number;
  /** How long before its start a slot stops being bookable online. */
  minNoticeMinutes: number;
  /** How many calendar days ahead (in the clinic's time zone) visitors may book. */
  horizonDays: number;
}

/** An active appointment of the specialist: it holds their time. */
export interface BusyTime {
  startsAt: Date;
  endsAt: Date;
}

/** A time a visitor may book. */
export interface FreeSlot {
  startsAt: Date;
  endsAt: Date;
}
