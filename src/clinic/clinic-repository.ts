import type { Db } from '../db/engine.js';
import { openingHoursFromStored, type OpeningHours } from './opening-hours.js';

export interface ClinicProfile {
  name: string;
  address: string;
  phone: string;
  email: string;
  openingHours: OpeningHours;
  about: string;
  defaultLocale: 'uk' | 'en';
  updatedAt: Date;
}

export type ClinicFields = Omit<ClinicProfile, 'updatedAt'>;

export interface Award {
  id: string;
  title: string;
  issuer: string;
  year: number | null;
  description: string;
  position: number;
}

export type AwardFields = Omit<Award, 'id'>;

export interface Review {
  id: string;
  authorName: string;
  text: string;
  rating: number;
  reviewedOn: string;
  specialistId: string | null;
  published: boolean;
  createdAt: Date;
}

export type ReviewFields = Omit<Review, 'id' | 'createdAt'>;

// The clinic is a single row; the table's CHECK keeps it so.
const CLINIC_ID = 1;

const clinicColumns = ['name', 'address', 'phone', 'email', 'opening_hours', 'about', 'default_locale', 'updated_at'] as const;

function toClinic(row: {
  name: string;
  address: string;
  phone: string;
  email: string;
  opening_hours: unknown;
  about: string;
  default_locale: string;
  updated_at: Date;
}): ClinicProfile {
  return {
    name: row.name,
    address: row.address,
    phone: row.phone,
    email: row.email,
    openingHours: openingHoursFromStored(row.opening_hours),
    about: row.about,
    defaultLocale: row.default_locale === 'en' ? 'en' : 'uk',
    updatedAt: row.updated_at,
  };
}

function clinicColumnsOf(fields: Partial<ClinicFields>) {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.address !== undefined ? { address: fields.address } : {}),
    ...(fields.phone !== undefined ? { phone: fields.phone } : {}),
    ...(fields.email !== undefined ? { email: fields.email } : {}),
    ...(fields.openingHours !== undefined ? { opening_hours: JSON.stringify(fields.openingHours) } : {}),
    ...(fields.about !== undefined ? { about: fields.about } : {}),
    ...(fields.defaultLocale !== undefined ? { default_locale: fields.defaultLocale } : {}),
  };
}

export async function findClinic(db: Db): Promise<ClinicProfile | null> {
  const row = await db.selectFrom('clinic').select(clinicColumns).where('id', '=', CLINIC_ID).executeTakeFirst();
  return row ? toClinic(row) : null;
}

/** Writes the given fields, creating the row on first save (named `defaultName` unless a name is given). */
export async function upsertClinic(db: Db, fields: Partial<ClinicFields>, options: { defaultName: string; now: Date }): Promise<ClinicProfile> {
  const changes = clinicColumnsOf(fields);
  const row = await db
    .insertInto('clinic')
    .values({ ...changes, id: CLINIC_ID, name: fields.name ?? options.defaultName, updated_at: options.now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...changes, updated_at: options.now }))
    .returning(clinicColumns)
    .executeTakeFirstOrThrow();
  return toClinic(row);
}

const awardColumns = ['id', 'title', 'issuer', 'year', 'description', 'position'] as const;

function toAward(row: { id: string; title: string; issuer: string; year: number | null; description: string; position: number }): Award {
  return { id: row.id, title: row.title, issuer: row.issuer, year: row.year, description: row.description, position: row.position };
}

function awardColumnsOf(fields: Partial<AwardFields>) {
  return {
    ...(fields.title !== undefined ? { title: fields.title } : {}),
    ...(fields.issuer !== undefined ? { issuer: fields.issuer } : {}),
    ...(fields.year !== undefined ? { year: fields.year } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
    ...(fields.position !== undefined ? { position: fields.position } : {}),
  };
}

export async function listAwards(db: Db): Promise<Award[]> {
  const rows = await db.selectFrom('awards').select(awardColumns).orderBy('position').orderBy('created_at').orderBy('id').execute();
  return rows.map(toAward);
}

/** The position just after the last award, so a new one goes to the end of the list. */
export async function nextAwardPosition(db: Db): Promise<number> {
  const row = await db
    .selectFrom('awards')
    .select((eb) => eb.fn.max('position').as('last'))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function insertAward(db: Db, fields: AwardFields, now: Date): Promise<Award> {
  const row = await db
    .insertInto('awards')
    .values({ ...awardColumnsOf(fields), title: fields.title, year: fields.year, created_at: now })
    .returning(awardColumns)
    .executeTakeFirstOrThrow();
  return toAward(row);
}

export async function updateAward(db: Db, id: string, fields: Partial<AwardFields>): Promise<Award | null> {
  const changes = awardColumnsOf(fields);
  if (Object.keys(changes).length === 0) {
    const row = await db.selectFrom('awards').select(awardColumns).where('id', '=', id).executeTakeFirst();
    return row ? toAward(row) : null;
  }
  const row = await db.updateTable('awards').set(changes).where('id', '=', id).returning(awardColumns).executeTakeFirst();
  return row ? toAward(row) : null;
}

export async function deleteAward(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('awards').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

const reviewColumns = ['id', 'author_name', 'text', 'rating', 'reviewed_on', 'specialist_id', 'published', 'created_at'] as const;

function toReview(row: {
  id: string;
  author_name: string;
  text: string;
  rating: number;
  reviewed_on: string;
  specialist_id: string | null;
  published: boolean;
  created_at: Date;
}): Review {
  return {
    id: row.id,
    authorName: row.author_name,
    text: row.text,
    rating: row.rating,
    reviewedOn: row.reviewed_on,
    specialistId: row.specialist_id,
    published: row.published,
    createdAt: row.created_at,
  };
}

function reviewColumnsOf(fields: Partial<ReviewFields>) {
  return {
    ...(fields.authorName !== undefined ? { author_name: fields.authorName } : {}),
    ...(fields.text !== undefined ? { text: fields.text } : {}),
    ...(fields.rating !== undefined ? { rating: fields.rating } : {}),
    ...(fields.reviewedOn !== undefined ? { reviewed_on: fields.reviewedOn } : {}),
    ...(fields.specialistId !== undefined ? { specialist_id: fields.specialistId } : {}),
    ...(fields.published !== undefined ? { published: fields.published } : {}),
  };
}

/** Reviews newest first (by the date written, then by when they were entered). */
export async function listReviews(
  db: Db,
  filter: { published?: boolean; specialistId?: string; limit?: number } = {},
): Promise<Review[]> {
  let query = db.selectFrom('reviews').select(reviewColumns);
  if (filter.published !== undefined) query = query.where('published', '=', filter.published);
  if (filter.specialistId !== undefined) query = query.where('specialist_id', '=', filter.specialistId);
  query = query.orderBy('reviewed_on', 'desc').orderBy('created_at', 'desc').orderBy('id');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return (await query.execute()).map(toReview);
}

export async function findReview(db: Db, id: string): Promise<Review | null> {
  const row = await db.selectFrom('reviews').select(reviewColumns).where('id', '=', id).executeTakeFirst();
  return row ? toReview(row) : null;
}

export async function insertReview(db: Db, fields: ReviewFields, now: Date): Promise<Review> {
  const row = await db
    .insertInto('reviews')
    .values({
      author_name: fields.authorName,
      text: fields.text,
      rating: fields.rating,
      reviewed_on: fields.reviewedOn,
      specialist_id: fields.specialistId,
      published: fields.published,
      created_at: now,
    })
    .returning(reviewColumns)
    .executeTakeFirstOrThrow();
  return toReview(row);
}

export async function updateReview(db: Db, id: string, fields: Partial<ReviewFields>): Promise<Review | null> {
  const changes = reviewColumnsOf(fields);
  if (Object.keys(changes).length === 0) return findReview(db, id);
  const row = await db.updateTable('reviews').set(changes).where('id', '=', id).returning(reviewColumns).executeTakeFirst();
  return row ? toReview(row) : null;
}

export async function deleteReview(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('reviews').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
