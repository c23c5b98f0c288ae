import { DateTime } from 'luxon';
import type { Db } from '../db/engine.js';
import { invalidInput, notFound } from '../http/errors.js';
import { localDateOf } from '../scheduling/free-slots.js';
import { findSpecialist } from '../specialists/specialist-repository.js';
import {
  findClinic,
  insertAward,
  insertReview,
  listAwards,
  nextAwardPosition,
  updateReview,
  upsertClinic,
  type Award,
  type ClinicFields,
  type ClinicProfile,
  type Review,
  type ReviewFields,
} from './clinic-repository.js';
import { closedAllWeek, openingHoursProblems, sortedOpeningHours } from './opening-hours.js';

/** What a fresh installation shows before anyone has filled in the clinic profile. */
export const DEFAULT_CLINIC_NAME = 'Clinic';

export interface ClinicView {
  profile: ClinicFields;
  /** null until the profile is first saved. */
  updatedAt: Date | null;
  awards: Award[];
}

function emptyProfile(): ClinicFields {
  return { name: DEFAULT_CLINIC_NAME, address: '', phone: '', email: '', openingHours: closedAllWeek(), about: '', defaultLocale: 'uk' };
}

function viewOf(profile: ClinicProfile | null, awards: Award[]): ClinicView {
  if (!profile) return { profile: emptyProfile(), updatedAt: null, awards };
  const { updatedAt, ...fields } = profile;
  return { profile: fields, updatedAt, awards };
}

/** The clinic profile with its awards; sensible empty values while the profile was never saved. */
export async function loadClinic(db: Db): Promise<ClinicView> {
  const [profile, awards] = await Promise.all([findClinic(db), listAwards(db)]);
  return viewOf(profile, awards);
}

/** Changes the profile (creating it on first save); opening hours must run forward and not overlap. */
export async function updateClinicProfile(db: Db, changes: Partial<ClinicFields>, now: Date): Promise<ClinicView> {
  const fields = { ...changes };
  if (fields.openingHours) {
    const problems = openingHoursProblems(fields.openingHours);
    if (Object.keys(problems).length > 0) throw invalidInput(problems, 'The opening hours have problems.');
    fields.openingHours = sortedOpeningHours(fields.openingHours);
  }
  const profile = await upsertClinic(db, fields, { defaultName: DEFAULT_CLINIC_NAME, now });
  return viewOf(profile, await listAwards(db));
}

export async function addAward(
  db: Db,
  input: { title: string; issuer?: string; year?: number | null; description?: string; position?: number },
  now: Date,
): Promise<Award> {
  return insertAward(
    db,
    {
      title: input.title,
      issuer: input.issuer ?? '',
      year: input.year ?? null,
      description: input.description ?? '',
      position: input.position ?? (await nextAwardPosition(db)),
    },
    now,
  );
}

/** A review's date must be a real calendar date, not after today in the clinic; its specialist must exist. */
async function reviewProblems(db: Db, fields: Partial<ReviewFields>, today: string): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  if (fields.reviewedOn !== undefined) {
    if (!DateTime.fromISO(fields.reviewedOn).isValid) problems.reviewedOn = 'is not a calendar date';
    else if (fields.reviewedOn > today) problems.reviewedOn = 'must not be in the future';
  }
  if (fields.specialistId && !(await findSpecialist(db, fields.specialistId))) {
    problems.specialistId = 'is not a known specialist';
  }
  return problems;
}

export async function addReview(
  db: Db,
  input: Omit<ReviewFields, 'specialistId' | 'published'> & { specialistId?: string | null; published?: boolean },
  clinic: { now: Date; timezone: string },
): Promise<Review> {
  const fields: ReviewFields = { ...input, specialistId: input.specialistId ?? null, published: input.published ?? false };
  const problems = await reviewProblems(db, fields, localDateOf(clinic.now, clinic.timezone));
  if (Object.keys(problems).length > 0) throw invalidInput(problems);
  return insertReview(db, fields, clinic.now);
}

/** Edits a review, or publishes / hides it with `published`. */
export async function editReview(db: Db, id: string, changes: Partial<ReviewFields>, clinic: { now: Date; timezone: string }): Promise<Review> {
  const problems = await reviewProblems(db, changes, localDateOf(clinic.now, clinic.timezone));
  if (Object.keys(problems).length > 0) throw invalidInput(problems);
  const review = await updateReview(db, id, changes);
  if (!review) throw notFound('The review', 'id');
  return review;
}
