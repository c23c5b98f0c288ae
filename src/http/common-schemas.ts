import { Type, type TArray, type TNull, type TObject, type TSchema, type TString, type TUnion } from '@sinclair/typebox';

// Shapes shared by many routes, declared once. Formats are checked by Ajv (ajv-formats ships with Fastify).

export const Uuid = Type.String({ format: 'uuid', description: 'Identifier' });
export const IdParams = Type.Object({ id: Uuid });

/** An instant, ISO-8601 with an offset: 2026-12-08T10:00:00+02:00 or ...Z. */
export const Instant = Type.String({
  format: 'date-time',
  description: 'ISO-8601 date-time with an offset',
  examples: ['2026-12-08T10:00:00+02:00'],
});

export const LocalDate = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  description: 'A calendar date, YYYY-MM-DD',
  examples: ['2026-12-08'],
});

export const Email = Type.String({ format: 'email', maxLength: 254, description: 'E-mail address' });
export const Phone = Type.String({ maxLength: 40, pattern: '^[+0-9 ()\\-]{5,40}$', description: 'Phone number' });
export const Locale = Type.Union([Type.Literal('uk'), Type.Literal('en')], { description: 'Language: uk or en' });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
  },
  { $id: 'ErrorBody', description: 'Every error has this shape' },
);

export function ListOf<T extends TSchema>(item: T): TObject<{ items: TArray<T> }> {
  return Type.Object({ items: Type.Array(item) });
}

export function PageOf<T extends TSchema>(item: T): TObject<{ items: TArray<T>; nextCursor: TUnion<[TString, TNull]> }> {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null at the end' }),
  });
}

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

/** Standard error responses for a route's schema. */
export function errors(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBody]));
}
