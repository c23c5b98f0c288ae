import { idColumn, instantCell, sameIn, type CsvColumn, type CsvWords } from '../http/csv-download.js';
import type { ApiKey } from './api-keys.js';
import type { Delivery, DeliveryState, RemovalReason, Subscription, SubscriptionOrigin } from './webhook-repository.js';

// The integrations pages as spreadsheets: API keys (never a key itself: only the prefix that
// tells keys apart), webhook subscriptions with their deliveries counted, and one
// subscription's deliveries with their last attempt.

const DELIVERY_STATES: CsvWords<DeliveryState> = {
  uk: { queued: 'у черзі', delivered: 'доставлено', failed: 'не доставлено', gone: 'адресат відмовився' },
  en: { queued: 'queued', delivered: 'delivered', failed: 'failed', gone: 'gone' },
};
const ORIGINS: CsvWords<SubscriptionOrigin> = {
  uk: { console: 'у консолі', rest_hook: 'REST hook інтеграції' },
  en: { console: 'in the console', rest_hook: 'an integration’s REST hook' },
};
const REMOVAL_REASONS: CsvWords<RemovalReason> = {
  uk: { removed_by_staff: 'видалено персоналом', unsubscribed: 'інтеграція відписалася', gone: 'адресат відповів 410 Gone' },
  en: { removed_by_staff: 'removed by staff', unsubscribed: 'the integration unsubscribed', gone: 'the target answered 410 Gone' },
};

export interface ApiKeyWithAuthor extends ApiKey {
  /** Who made it, as the staff list names them; null when that account is gone. */
  createdByName: string | null;
}

export const API_KEY_COLUMNS: Array<CsvColumn<ApiKeyWithAuthor>> = [
  idColumn(),
  { header: { uk: 'Назва', en: 'Name' }, cell: (k) => k.name },
  { header: { uk: 'Початок ключа', en: 'Key prefix' }, cell: (k) => k.prefix },
  { header: { uk: 'Права', en: 'Scopes' }, cell: (k) => k.scopes.join(', ') },
  { header: { uk: 'Створив', en: 'Created by' }, cell: (k) => k.createdByName },
  { header: { uk: 'Створено', en: 'Created' }, cell: (k, csv) => instantCell(k.createdAt, csv) },
  { header: { uk: 'Востаннє використано', en: 'Last used' }, cell: (k, csv) => instantCell(k.lastUsedAt, csv) },
  { header: { uk: 'Відкликано', en: 'Revoked' }, cell: (k, csv) => instantCell(k.revokedAt, csv) },
];

export const SUBSCRIPTION_COLUMNS: Array<CsvColumn<Subscription>> = [
  idColumn(),
  { header: { uk: 'Подія', en: 'Event' }, cell: (s) => s.eventType },
  { header: sameIn('URL'), cell: (s) => s.targetUrl },
  { header: { uk: 'Як підписано', en: 'Subscribed' }, cell: (s, csv) => ORIGINS[csv.language][s.origin] },
  { header: { uk: 'Хто підписав', en: 'Subscribed by' }, cell: (s) => s.createdBy?.name ?? null },
  { header: { uk: 'Створено', en: 'Created' }, cell: (s, csv) => instantCell(s.createdAt, csv) },
  { header: { uk: 'Видалено', en: 'Removed' }, cell: (s, csv) => instantCell(s.removedAt, csv) },
  { header: { uk: 'Чому видалено', en: 'Why removed' }, cell: (s, csv) => (s.removedReason ? REMOVAL_REASONS[csv.language][s.removedReason] : null) },
  ...(['queued', 'delivered', 'failed', 'gone'] as const).map(
    (state): CsvColumn<Subscription> => ({
      header: { uk: `Доставки: ${DELIVERY_STATES.uk[state]}`, en: `Deliveries ${DELIVERY_STATES.en[state]}` },
      cell: (s) => s.deliveries[state],
    }),
  ),
];

const lastAttempt = (d: Delivery): Delivery['attempts'][number] | undefined => d.attempts[d.attempts.length - 1];

export const DELIVERY_COLUMNS: Array<CsvColumn<Delivery>> = [
  idColumn(),
  { header: { uk: 'Подія', en: 'Event' }, cell: (d) => d.eventType },
  { header: { uk: 'id події', en: 'Event id' }, cell: (d) => d.eventId },
  { header: { uk: 'Стан', en: 'State' }, cell: (d, csv) => DELIVERY_STATES[csv.language][d.state] },
  { header: { uk: 'Створено', en: 'Created' }, cell: (d, csv) => instantCell(d.createdAt, csv) },
  { header: { uk: 'Спроб', en: 'Attempts' }, cell: (d) => d.attempts.length },
  { header: { uk: 'Остання спроба', en: 'Last attempt' }, cell: (d, csv) => instantCell(d.lastAttemptAt, csv) },
  { header: { uk: 'Код відповіді', en: 'Status code' }, cell: (d) => lastAttempt(d)?.statusCode ?? null },
  { header: { uk: 'Помилка', en: 'Error' }, cell: (d) => lastAttempt(d)?.error ?? null },
  { header: { uk: 'Тривалість, мс', en: 'Duration, ms' }, cell: (d) => lastAttempt(d)?.durationMs ?? null },
  { header: { uk: 'Доставлено', en: 'Delivered' }, cell: (d, csv) => instantCell(d.deliveredAt, csv) },
];
