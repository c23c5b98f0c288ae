import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns Ajv's findings into `{field: message}`, naming nested fields with dots (`weekly.monday.0.start`). */
export function fieldsFromValidation(issues: AjvIssue[], context: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    let field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
      field = field ? `${field}.${issue.params.missingProperty}` : issue.params.missingProperty;
    }
    if (issue.keyword === 'additionalProperties' && typeof issue.params.additionalProperty === 'string') {
      field = field ? `${field}.${issue.params.additionalProperty}` : issue.params.additionalProperty;
    }
    if (!field) field = context ?? 'body';
    // Unions report one issue per branch; the first says enough.
    fields[field] ??= issue.keyword === 'required' ? 'is required' : issue.keyword === 'additionalProperties' ? 'is not a known field' : (issue.message ?? 'is not valid');
  }
  return fields;
}

interface PgError {
  code?: string;
  constraint?: string;
}

function fromDatabase(err: PgError): AppError | null {
  switch (err.code) {
    case '23P01': // exclusion_violation: the database refused an overlap
      return err.constraint === 'appointments_no_overlap'
        ? new AppError(409, 'slot_taken', 'This time is no longer free.', { startsAt: 'is no longer free' })
        : new AppError(409, 'overlap', 'This overlaps something that already exists.');
    case '23505':
      return new AppError(409, 'already_exists', 'This already exists.');
    case '23503':
      return new AppError(409, 'in_use', 'This is referred to by other records.');
    case '23514':
    case '22021': // a NUL character, which PostgreSQL text cannot hold
    case '22P05':
    case '22009':
    case '22001':
    case '22007':
    case '22008':
    case '22P02':
      return new AppError(400, 'invalid_input', 'A value is out of range or badly formed.');
    default:
      return null;
  }
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & PgError, request: FastifyRequest, reply: FastifyReply) => {
    let appError: AppError;
    if (err instanceof AppError) {
      appError = err;
    } else if (err.validation) {
      appError = new AppError(
        400,
        'invalid_input',
        'Some fields are not valid.',
        fieldsFromValidation(err.validation as AjvIssue[], err.validationContext),
      );
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      appError = new AppError(413, 'body_too_large', 'The request body is too large.');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      appError = new AppError(415, 'unsupported_media_type', 'Send the body as application/json.');
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      appError = new AppError(400, 'malformed_json', 'The request body is not valid JSON.', { body: 'is not valid JSON' });
    } else if (err.statusCode === 429) {
      appError = new AppError(429, 'rate_limited', err.message);
    } else {
      appError =
        fromDatabase(err) ??
        (err.statusCode && err.statusCode >= 400 && err.statusCode < 500
          ? new AppError(err.statusCode, 'bad_request', err.message)
          : new AppError(500, 'internal_error', 'Something went wrong on our side. It has been logged.'));
    }
    if (appError.statusCode >= 500) request.log.error({ err }, 'request failed');
    if (appError.headers) void reply.headers(appError.headers);
    return reply.status(appError.statusCode).send({
      error: { code: appError.code, message: appError.message, ...(appError.fields ? { fields: appError.fields } : {}) },
    });
  });
}

/** The API's 404 for a path no route serves. */
export function apiNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.status(404).send({ error: { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}.` } });
}
