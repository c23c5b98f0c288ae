import { describe, expect, it } from 'vitest';
import type { StoredContact } from './contact-bulk-repository.js';
import { planUpsert } from './contact-upsert.js';

const olena: StoredContact = { id: 'c1', email: 'Olena@Example.com', name: 'Olena Petrenko', phone: '+380 67 123 4567', locale: 'uk', tags: ['vip'] };

describe('what an upsert by e-mail does to a contact', () => {
  it('makes a new contact when nobody has the address, with tags tidied and Ukrainian by default', () => {
    expect(planUpsert(null, { email: ' new@example.com ', name: ' Taras ', tags: ['VIP', ' knee ', 'vip'] })).toEqual({
      kind: 'create',
      contact: { email: 'new@example.com', name: 'Taras', phone: null, locale: 'uk' },
      tags: ['knee', 'vip'],
    });
  });

  it('refuses a new address without a name, naming the field', () => {
    expect(planUpsert(null, { email: 'new@example.com' })).toEqual({ kind: 'refused', fields: { name: 'is required for a new contact' } });
    expect(planUpsert(null, { email: 'new@example.com', name: '   ' })).toEqual({ kind: 'refused', fields: { name: 'is required for a new contact' } });
  });

  it('changes only what is given and different, and says from what to what', () => {
    const plan = planUpsert(olena, { email: 'olena@example.com', phone: '+380 50 000 0000', locale: 'uk', name: 'Olena Petrenko' });
    expect(plan).toEqual({
      kind: 'update',
      id: 'c1',
      fields: { id: 'c1', name: 'Olena Petrenko', phone: '+380 50 000 0000', locale: 'uk' },
      addTags: [],
      changes: { phone: { from: '+380 67 123 4567', to: '+380 50 000 0000' } },
    });
  });

  it('adds tags and never takes one away; tags alone touch no field', () => {
    expect(planUpsert(olena, { email: 'olena@example.com', tags: ['Newsletter', 'vip'] })).toEqual({
      kind: 'update',
      id: 'c1',
      fields: null,
      addTags: ['newsletter'],
      changes: { tags: { from: ['vip'], to: ['newsletter', 'vip'] } },
    });
  });

  it('clears the phone only when told to with null; an absent or blank name keeps the name', () => {
    expect(planUpsert(olena, { email: 'olena@example.com', phone: null })).toMatchObject({ kind: 'update', changes: { phone: { from: '+380 67 123 4567', to: null } } });
    expect(planUpsert(olena, { email: 'olena@example.com', name: '  ', phone: undefined })).toEqual({ kind: 'unchanged', id: 'c1' });
  });

  it('leaves a contact that already has it all unchanged', () => {
    expect(planUpsert(olena, { email: 'OLENA@example.com', name: 'Olena Petrenko', phone: '+380 67 123 4567', locale: 'uk', tags: ['VIP'] })).toEqual({ kind: 'unchanged', id: 'c1' });
  });
});
