import { Type, type Static } from '@sinclair/typebox';
import { Tag } from '../contacts/contact-schemas.js';
import { Email, Locale, Phone } from '../http/common-schemas.js';
import { Name } from '../scheduling/booking-schemas.js';

/** A contact sent in by another system; also what one row of an imported CSV file must be. */
export const ContactUpsertBody = Type.Object(
  {
    email: { ...Email, description: 'Finds the contact, whatever the case of the letters; a new address makes a new contact' },
    name: Type.Optional({ ...Name, description: 'Required when the address is new; otherwise replaces the name' }),
    phone: Type.Optional(Type.Union([Phone, Type.Null()], { description: 'Replaces the phone; null removes it' })),
    locale: Type.Optional(Locale),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 50, description: 'Added to the contact’s tags; tags it has stay' })),
  },
  { additionalProperties: false },
);
export type ContactUpsertBody = Static<typeof ContactUpsertBody>;

export const TagsBody = Type.Object({ tags: Type.Array(Tag, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false });

export const TagParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  tag: Tag,
});

export const ContactLookupQuery = Type.Object({ email: Email }, { additionalProperties: false });
