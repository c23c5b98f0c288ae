// The contact's steps («кроки клієнта») in words a receptionist reads at a glance:
// "E-mail sent: Please confirm…", "Status: confirmed → booked by Anna (anna@clinic)".
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import type { TimelineEntry } from '../lib/admin-types';
import { useZone } from '../lib/clinic-zone';
import { useStaffName } from '../lib/queries';

// How a contact came to be, by the contact.created event's source.
const CREATED_BY: Record<string, string> = { staff: 'timeline.contactCreatedStaff', api: 'timeline.contactCreatedApi', import: 'timeline.contactCreatedImport' };

const text = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

export function useDescribeEntry(): (entry: TimelineEntry) => string[] {
  const { t } = useTranslation('admin');
  const zone = useZone();
  const staffName = useStaffName();

  return useCallback(
    (entry: TimelineEntry): string[] => {
      const data = entry.data;
      const actor =
        entry.actor.type === 'staff' ? (entry.actor.id ? staffName(entry.actor.id) : t('actor.staff')) : t(`actor.${entry.actor.type}`);
      const status = (value: unknown): string => (value ? t(`status.${text(value)}`, { defaultValue: text(value) }) : '—');
      const when = (value: unknown): string => {
        const iso = text(value);
        return iso && !Number.isNaN(new Date(iso).getTime()) ? formatDateTime(iso, zone) : '—';
      };
      const fieldValue = (field: string, value: unknown): string => {
        if (value === null || value === undefined || value === '') return t('timeline.empty');
        if (Array.isArray(value)) return value.length ? value.join(', ') : t('timeline.empty');
        if (field === 'lifecycle') return t(`lifecycle.${text(value)}`, { defaultValue: text(value) });
        if (field === 'locale') return t(`languages.${text(value)}`, { ns: 'common', defaultValue: text(value) });
        return text(value);
      };
      const withReason = (sentence: string): string => (data.reason ? `${sentence}. ${t('timeline.reason', { reason: text(data.reason) })}` : sentence);

      if (entry.kind === 'booking.created') {
        return [
          t('timeline.bookingCreated', {
            specialist: text(data.specialistName) || '—',
            when: when(data.startsAt),
            source: t(`source.${text(data.source)}`, { defaultValue: text(data.source) }),
            actor,
          }),
        ];
      }
      if (entry.kind === 'booking.rescheduled') {
        return [t('timeline.rescheduled', { from: when(data.from), to: when(data.to), actor }) + (data.status ? `. ${t('timeline.statusNow', { status: status(data.status) })}` : '')];
      }
      if (entry.kind.startsWith('booking.')) {
        return [withReason(t('timeline.status', { from: status(data.from), to: status(data.to), actor }))];
      }
      switch (entry.kind) {
        case 'email.sent':
          return [t('timeline.emailSent', { subject: text(data.subject), to: text(data.to) })];
        case 'email.failed':
          return [t('timeline.emailFailed', { subject: text(data.subject), reason: text(data.reason) })];
        case 'contact.created':
          return [t(CREATED_BY[text(data.source)] ?? 'timeline.contactCreatedBooking', { actor })];
        case 'contact.updated': {
          const changes = (data.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
          const lines = Object.entries(changes).map(([field, change]) =>
            t('timeline.changed', {
              field: t(`fields.${field}`, { defaultValue: field }),
              from: fieldValue(field, change.from),
              to: fieldValue(field, change.to),
              actor,
            }),
          );
          return lines.length ? lines : [t('timeline.updated', { actor })];
        }
        case 'contact.email_change_requested':
          return [t('timeline.emailChangeRequested', { to: text(data.to) })];
        case 'contact.erasure_requested':
          return [t('timeline.erasureRequested')];
        case 'contact.erased':
          return [t('timeline.erased', { actor })];
        case 'contact.erasure_rejected':
          return [t('timeline.erasureRejected', { actor })];
        case 'message.received':
          return [t('timeline.messageReceived', { preview: text(data.preview) })];
        case 'message.sent':
          return [t('timeline.messageSent', { preview: text(data.preview), actor })];
        case 'client.signed_in':
          return [t('timeline.signedIn')];
        default:
          return [t('timeline.other', { kind: entry.kind, actor })];
      }
    },
    [t, zone, staffName],
  );
}

/** Which filter group an entry belongs to (booking, email, contact, message, other). */
export function kindGroup(kind: string): string {
  return kind.split('.')[0] ?? kind;
}
