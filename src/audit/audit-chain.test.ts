import { describe, expect, it } from 'vitest';
import {
  canonicalEntry,
  canonicalJson,
  chainEntry,
  entryHash,
  GENESIS,
  GENESIS_HASH,
  verifyChain,
  type AuditEntryContent,
  type ChainedAuditEntry,
} from './audit-chain.js';

function aContent(overrides: Partial<AuditEntryContent> = {}): AuditEntryContent {
  return {
    at: new Date('2026-12-07T08:00:00.123Z'),
    actorType: 'staff',
    actorId: '5b0c5c2e-6a53-4b8a-9d0e-6a8e0f1f2a3b',
    actorLabel: 'manager@clinic.test',
    action: 'contact.read',
    recordType: 'contact',
    recordId: '0f8e1c7a-2b7d-4a9e-8f4a-1c2d3e4f5a6b',
    ip: '203.0.113.7',
    details: { method: 'GET', route: '/api/admin/contacts/:id', status: 200 },
    ...overrides,
  };
}

function aChain(length: number): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  let head = GENESIS;
  for (let i = 0; i < length; i += 1) {
    const entry = chainEntry(head, aContent({ action: i % 2 === 0 ? 'contact.read' : 'contact.update', at: new Date(Date.UTC(2026, 11, 7, 8, i)) }));
    entries.push(entry);
    head = { lastId: entry.id, lastHash: entry.hash };
  }
  return entries;
}

describe('canonical serialisation', () => {
  it('orders keys at every depth, so the same content always hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    const one = aContent({ details: { status: 200, method: 'GET', query: { q: 'koval', limit: 20 } } });
    const other = aContent({ details: { query: { limit: 20, q: 'koval' }, method: 'GET', status: 200 } });
    expect(entryHash(GENESIS_HASH, { ...one, id: '1' })).toBe(entryHash(GENESIS_HASH, { ...other, id: '1' }));
  });

  it('is the canonical JSON of the whole entry', () => {
    const content = aContent({ recordId: null, details: { z: [1, 'two', { b: true, a: null }], a: 'é "quoted" \n' } });
    const { at, ...rest } = content;
    expect(canonicalEntry('ab'.repeat(32), { ...content, id: '42' })).toBe(canonicalJson({ ...rest, at: at.toISOString(), id: '42', prevHash: 'ab'.repeat(32) }));
    expect(JSON.parse(canonicalEntry(GENESIS_HASH, { ...content, id: '1' }))).toMatchObject({ recordId: null, id: '1', prevHash: GENESIS_HASH });
  });

  it('writes the time as an ISO instant in UTC, whatever offset it was given in', () => {
    const text = canonicalEntry(GENESIS_HASH, { ...aContent({ at: new Date('2026-12-07T10:00:00.123+02:00') }), id: '1' });
    expect(text).toContain('"at":"2026-12-07T08:00:00.123Z"');
  });

  it('covers every field, the id and the previous hash', () => {
    const content = aContent();
    const hash = entryHash(GENESIS_HASH, { ...content, id: '1' });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const variants: Array<Partial<AuditEntryContent>> = [
      { at: new Date('2026-12-07T08:00:00.124Z') },
      { actorType: 'client' },
      { actorId: null },
      { actorLabel: 'admin@clinic.test' },
      { action: 'contact.update' },
      { recordType: 'booking' },
      { recordId: null },
      { ip: '203.0.113.8' },
      { details: { method: 'GET', route: '/api/admin/contacts/:id', status: 201 } },
    ];
    for (const variant of variants) expect(entryHash(GENESIS_HASH, { ...content, ...variant, id: '1' })).not.toBe(hash);
    expect(entryHash(GENESIS_HASH, { ...content, id: '2' })).not.toBe(hash);
    expect(entryHash('1'.repeat(64), { ...content, id: '1' })).not.toBe(hash);
  });

  it('keeps null apart from the string "null" and from a missing value', () => {
    const a = entryHash(GENESIS_HASH, { ...aContent({ recordId: null }), id: '1' });
    const b = entryHash(GENESIS_HASH, { ...aContent({ recordId: 'null' }), id: '1' });
    expect(a).not.toBe(b);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one', () => {
    const chain = aChain(5);
    expect(chain.map((entry) => entry.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(verifyChain(chain)).toEqual({ ok: true, count: 5, last: { lastId: '5', lastHash: chain[4]!.hash } });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, last: GENESIS });
  });

  it('checks a long chain batch by batch, carrying the position across', () => {
    const chain = aChain(10);
    const first = verifyChain(chain.slice(0, 4));
    if (!first.ok) throw new Error('first batch should verify');
    const second = verifyChain(chain.slice(4), first.last);
    expect(second).toMatchObject({ ok: true, count: 6, last: { lastId: '10' } });
  });

  it('finds an altered entry', () => {
    const chain = aChain(5);
    chain[2] = { ...chain[2]!, details: { ...chain[2]!.details, status: 204 } };
    expect(verifyChain(chain)).toMatchObject({ ok: false, count: 2, brokenAt: '3', reason: expect.stringContaining('altered') });
  });

  it('finds an altered entry whose hash was recomputed: the next entry no longer follows it', () => {
    const chain = aChain(5);
    const forged = { ...chain[2]!, actorLabel: 'someone-else@clinic.test' };
    chain[2] = { ...forged, hash: entryHash(forged.prevHash, forged) };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: '4', reason: expect.stringContaining('does not follow entry 3') });
  });

  it('finds a removed entry by the gap it leaves', () => {
    const chain = aChain(5);
    chain.splice(1, 1);
    expect(verifyChain(chain)).toMatchObject({ ok: false, count: 1, brokenAt: '2', reason: expect.stringContaining('entry 2 is missing') });
    const fewer = aChain(6);
    fewer.splice(2, 3);
    expect(verifyChain(fewer)).toMatchObject({ ok: false, brokenAt: '3', reason: expect.stringContaining('entries 3 to 5 are missing') });
  });

  it('finds a removed entry even when the later ones were renumbered to close the gap', () => {
    const chain = aChain(5);
    chain.splice(1, 1);
    const renumbered = chain.map((entry, index) => {
      const moved = { ...entry, id: String(index + 1) };
      return { ...moved, hash: entryHash(moved.prevHash, moved) };
    });
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, brokenAt: '2', reason: expect.stringContaining('does not follow entry 1') });
  });

  it('finds reordered entries', () => {
    const chain = aChain(5);
    [chain[1], chain[2]] = [chain[2]!, chain[1]!];
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: '2', reason: expect.stringContaining('missing') });
    const swappedIds = aChain(5);
    const second = swappedIds[1]!;
    const third = swappedIds[2]!;
    swappedIds[1] = { ...third, id: '2' };
    swappedIds[2] = { ...second, id: '3' };
    expect(verifyChain(swappedIds)).toMatchObject({ ok: false, brokenAt: '2', reason: expect.stringContaining('altered') });
  });

  it('finds a duplicated entry as out of order', () => {
    const chain = aChain(3);
    chain.splice(2, 0, chain[1]!);
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: '2', reason: expect.stringContaining('out of order') });
  });

  it('finds a chain that does not start at the genesis', () => {
    const chain = aChain(3);
    const detached = { ...chain[0]!, prevHash: 'f'.repeat(64) };
    chain[0] = { ...detached, hash: entryHash(detached.prevHash, detached) };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: '1', reason: expect.stringContaining('does not follow entry 0') });
  });
});
