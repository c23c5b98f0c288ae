import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { requireStaff } from '../http/auth.js';
import { errors, IdParams, ListOf } from '../http/common-schemas.js';
import { notFound } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import { registerCsvExport } from '../http/csv-download.js';
import { listSpecialists } from '../specialists/specialist-repository.js';
import { AWARD_COLUMNS, REVIEW_COLUMNS } from './clinic-csv.js';
import { deleteAward, deleteReview, listAwards, listReviews, updateAward, type Award, type Review } from './clinic-repository.js';
import {
  AdminAwardBody,
  AdminClinicBody,
  AdminReviewBody,
  AdminReviewsQuery,
  AwardCreate,
  AwardPatch,
  ClinicBody,
  ClinicPatch,
  PublicReviewsQuery,
  ReviewBody,
  ReviewCreate,
  ReviewPatch,
} from './clinic-schemas.js';
import { addAward, addReview, editReview, loadClinic, updateClinicProfile, type ClinicView } from './clinic-service.js';

// Rows never go out as they are: each response is built field by field for its audience.

function publicAward(award: Award): { id: string; title: string; issuer: string; year: number | null; description: string } {
  return { id: award.id, title: award.title, issuer: award.issuer, year: award.year, description: award.description };
}

function publicReview(review: Review): { id: string; authorName: string; text: string; rating: number; reviewedOn: string; specialistId: string | null } {
  return {
    id: review.id,
    authorName: review.authorName,
    text: review.text,
    rating: review.rating,
    reviewedOn: review.reviewedOn,
    specialistId: review.specialistId,
  };
}

export function registerClinicRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const clinicClock = (): { now: Date; timezone: string } => ({ now: deps.now(), timezone: tz });

  const staffView = (view: ClinicView) => ({
    ...view.profile,
    timezone: tz,
    updatedAt: view.updatedAt ? formatInstant(view.updatedAt, tz) : null,
    awards: view.awards,
  });
  const staffReview = (review: Review) => ({ ...publicReview(review), published: review.published, createdAt: formatInstant(review.createdAt, tz) });

  app.get(
    '/api/clinic',
    { schema: { tags: ['clinic'], summary: 'The clinic: contacts, opening hours, about, awards', response: { 200: ClinicBody } } },
    async () => {
      const { profile, awards } = await loadClinic(deps.db);
      return {
        name: profile.name,
        address: profile.address,
        phone: profile.phone,
        email: profile.email,
        timezone: tz,
        openingHours: profile.openingHours,
        about: profile.about,
        awards: awards.map(publicAward),
      };
    },
  );

  app.get(
    '/api/reviews',
    {
      schema: {
        tags: ['clinic'],
        summary: 'Published reviews, newest first',
        querystring: PublicReviewsQuery,
        response: { 200: ListOf(ReviewBody), ...errors(400) },
      },
    },
    async (request) => {
      const { specialistId, limit } = request.query;
      const reviews = await listReviews(deps.db, { published: true, limit: limit ?? 50, ...(specialistId ? { specialistId } : {}) });
      return { items: reviews.map(publicReview) };
    },
  );

  const adminOnly = { onRequest: requireStaff('admin') };
  const moderators = { onRequest: requireStaff('admin', 'manager') };

  app.get(
    '/api/admin/clinic',
    { ...adminOnly, schema: { tags: ['admin'], summary: 'The clinic profile as staff edit it', response: { 200: AdminClinicBody, ...errors(401, 403) } } },
    async () => staffView(await loadClinic(deps.db)),
  );

  app.patch(
    '/api/admin/clinic',
    {
      ...adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Change the clinic profile (created on first save)',
        body: ClinicPatch,
        response: { 200: AdminClinicBody, ...errors(400, 401, 403) },
      },
    },
    async (request) => staffView(await updateClinicProfile(deps.db, request.body, deps.now())),
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/awards/export.csv',
    ...adminOnly,
    audit: { action: 'awards.export', recordType: 'award' },
    tags: ['admin'],
    summary: 'The clinic’s awards as CSV, in the order the site shows them',
    fileName: 'awards',
    columns: AWARD_COLUMNS,
    rows: () => listAwards(deps.db),
  });

  app.post(
    '/api/admin/awards',
    { ...adminOnly, schema: { tags: ['admin'], summary: 'Add an award', body: AwardCreate, response: { 201: AdminAwardBody, ...errors(400, 401, 403) } } },
    async (request, reply) => reply.status(201).send(await addAward(deps.db, request.body, deps.now())),
  );

  app.patch(
    '/api/admin/awards/:id',
    {
      ...adminOnly,
      schema: { tags: ['admin'], summary: 'Change an award', params: IdParams, body: AwardPatch, response: { 200: AdminAwardBody, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const award = await updateAward(deps.db, request.params.id, request.body);
      if (!award) throw notFound('The award', 'id');
      return award;
    },
  );

  app.delete(
    '/api/admin/awards/:id',
    { ...adminOnly, schema: { tags: ['admin'], summary: 'Remove an award', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      if (!(await deleteAward(deps.db, request.params.id))) throw notFound('The award', 'id');
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/reviews',
    {
      ...moderators,
      schema: {
        tags: ['admin'],
        summary: 'All reviews, published and hidden, newest first',
        querystring: AdminReviewsQuery,
        response: { 200: ListOf(AdminReviewBody), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { published } = request.query;
      const reviews = await listReviews(deps.db, published === undefined ? {} : { published });
      return { items: reviews.map(staffReview) };
    },
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/reviews/export.csv',
    ...moderators,
    audit: { action: 'reviews.export', recordType: 'review' },
    tags: ['admin'],
    summary: 'Reviews as CSV, newest first; `published` filters as the list does',
    filters: AdminReviewsQuery.properties,
    fileName: 'reviews',
    columns: REVIEW_COLUMNS,
    rows: async ({ query }) => {
      const [reviews, specialists] = await Promise.all([
        listReviews(deps.db, query.published === undefined ? {} : { published: query.published }),
        listSpecialists(deps.db, { activeOnly: false }),
      ]);
      const names = new Map(specialists.map((specialist) => [specialist.id, specialist.name]));
      return reviews.map((review) => ({ ...review, specialistName: review.specialistId ? (names.get(review.specialistId) ?? null) : null }));
    },
  });

  app.post(
    '/api/admin/reviews',
    { ...moderators, schema: { tags: ['admin'], summary: 'Add a review (hidden unless published: true)', body: ReviewCreate, response: { 201: AdminReviewBody, ...errors(400, 401, 403) } } },
    async (request, reply) => reply.status(201).send(staffReview(await addReview(deps.db, request.body, clinicClock()))),
  );

  app.patch(
    '/api/admin/reviews/:id',
    {
      ...moderators,
      schema: {
        tags: ['admin'],
        summary: 'Edit a review, or publish / hide it with `published`',
        params: IdParams,
        body: ReviewPatch,
        response: { 200: AdminReviewBody, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => staffReview(await editReview(deps.db, request.params.id, request.body, clinicClock())),
  );

  app.delete(
    '/api/admin/reviews/:id',
    { ...moderators, schema: { tags: ['admin'], summary: 'Delete a review', params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      if (!(await deleteReview(deps.db, request.params.id))) throw notFound('The review', 'id');
      return reply.status(204).send(null);
    },
  );
}
