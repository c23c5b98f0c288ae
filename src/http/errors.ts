/**
 * The one error shape every endpoint answers with:
 * `{"error": {"code": "...", "message": "...", "fields": {...}}}`. Codes are stable; integrators branch on them.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function invalidInput(fields: Record<string, string>, message = 'Some fields are not valid.'): AppError {
  return new AppError(400, 'invalid_input', message, fields);
}

export function notFound(what: string, field?: string): AppError {
  return new AppError(404, 'not_found', `${what} was not found.`, field ? { [field]: `${what} was not found.` } : undefined);
}

export function conflict(code: string, message: string, fields?: Record<string, string>): AppError {
  return new AppError(409, code, message, fields);
}

export function unauthorized(message = 'Sign in first.'): AppError {
  return new AppError(401, 'unauthorized', message);
}

export function forbidden(message = 'You may not do this.'): AppError {
  return new AppError(403, 'forbidden', message);
}
