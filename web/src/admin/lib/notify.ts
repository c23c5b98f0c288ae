// Every action says what it did, or why it could not: the server's words for a refusal (4xx),
// a calm general sentence for anything else. Never a raw error.
import { notifications } from '@mantine/notifications';
import { ApiError } from '../../shared/api';
import { i18n } from '../../shared/i18n';

export function problemText(error: unknown): string {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return error.message;
  return i18n.t('errors.generic', { ns: 'common' });
}

/** The server's complaints about single fields, when it named any. */
export function fieldProblems(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}

export function notifyDone(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}

export function notifyFailed(error: unknown, title?: string): void {
  if (error instanceof ApiError && error.status === 401) return; // the sign-in page says it
  notifications.show({ color: 'red', title: title ?? i18n.t('couldNot', { ns: 'admin' }), message: problemText(error), autoClose: 8000 });
}

/** A problem the console found itself (a form that is not ready to send). */
export function notifyProblem(message: string): void {
  notifications.show({ color: 'red', message, autoClose: 6000 });
}
