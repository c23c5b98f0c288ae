import { Type, type Static } from '@sinclair/typebox';
import { Instant, PageQuery, Uuid } from '../http/common-schemas.js';
import { MESSAGE_MAX_CHARS, PREVIEW_CHARS } from './message-text.js';

const Author = Type.Union([Type.Literal('client'), Type.Literal('staff')], { description: 'Who wrote it: the client, or the clinic’s staff' });

export const NewMessageBody = Type.Object(
  {
    body: Type.String({
      minLength: 1,
      maxLength: MESSAGE_MAX_CHARS,
      description: `Plain text (no markup), 1 to ${MESSAGE_MAX_CHARS} characters; leading and trailing whitespace is dropped, and whitespace alone is refused`,
    }),
  },
  { additionalProperties: false },
);
export type NewMessageBody = Static<typeof NewMessageBody>;

const messageFields = {
  id: Uuid,
  authorType: Author,
  authorName: Type.Union([Type.String(), Type.Null()], { description: 'The client’s or the staff member’s name; null for a staff member since removed' }),
  body: Type.String({ description: 'Plain text as written; escape it wherever it is shown' }),
  createdAt: Instant,
  readByStaffAt: Type.Union([Instant, Type.Null()], { description: 'When the clinic first saw the client’s message; null for the clinic’s own messages and until then' }),
  readByClientAt: Type.Union([Instant, Type.Null()], { description: 'When the client first saw the clinic’s message; null for their own messages and until then' }),
};

/** One message of a thread as the client's portal shows it. */
export const ThreadMessage = Type.Object(messageFields, { description: 'One message of the thread' });

/** One message of a thread as the console shows it: also which staff member wrote it. */
export const StaffThreadMessage = Type.Object(
  {
    ...messageFields,
    contactId: Uuid,
    authorStaffId: Type.Union([Uuid, Type.Null()], { description: 'The staff member who wrote it; null for the client' }),
  },
  { description: 'One message of a client’s thread' },
);

export const ThreadQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const InboxQuery = Type.Object(
  {
    ...PageQuery,
    unanswered: Type.Optional(Type.Boolean({ description: 'Only the threads the client wrote last' })),
  },
  { additionalProperties: false },
);

export const InboxItem = Type.Object(
  {
    contactId: Uuid,
    contactName: Type.String(),
    contactEmail: Type.String(),
    lastMessageAt: Instant,
    lastMessagePreview: Type.String({ description: `The first ${PREVIEW_CHARS} characters of the last message, on one line` }),
    lastAuthor: Author,
    unanswered: Type.Boolean({ description: 'The client wrote last: the clinic owes an answer' }),
    unreadCount: Type.Integer({ minimum: 0, description: 'The client’s messages no one at the clinic has seen yet' }),
  },
  { description: 'One client’s thread in the clinic’s inbox' },
);
