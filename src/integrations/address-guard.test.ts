import { describe, expect, it } from 'vitest';
import { assertPublic, guardedLookup, nonPublicRange, targetProblem, type LookupAll } from './address-guard.js';

const resolvesTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const doesNotResolve: LookupAll = async () => {
  throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
};
const STRICT = { allowPrivateTargets: false };

describe('which addresses a webhook may go to', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['64:ff9b::a00:1', 'rfc6052'],
  ])('refuses %s (%s)', (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])('lets %s through', (address) => {
    expect(nonPublicRange(address)).toBeNull();
  });
});

describe('checking a target when a subscription is made', () => {
  it('wants https, and a host whose every address is public', async () => {
    expect(await targetProblem('https://hooks.example.com/in', STRICT, resolvesTo('93.184.215.14', '2606:4700:4700::1111'))).toBeNull();
    expect(await targetProblem('http://hooks.example.com/in', STRICT, resolvesTo('93.184.215.14'))).toBe('must start with https://');
    expect(await targetProblem('https://hooks.example.com/in', STRICT, resolvesTo('93.184.215.14', '10.0.0.7'))).toMatch(/resolves to 10\.0\.0\.7, a private address/);
    expect(await targetProblem('https://nowhere.example/in', STRICT, doesNotResolve)).toMatch(/does not resolve/);
    expect(await targetProblem('not a url', STRICT)).toBe('is not a URL');
    expect(await targetProblem('https://user:pw@hooks.example.com/', STRICT, resolvesTo('93.184.215.14'))).toMatch(/user name or password/);
  });

  it('refuses address literals in any spelling the URL parser accepts, without asking DNS', async () => {
    const never: LookupAll = async () => {
      throw new Error('DNS was asked');
    };
    for (const url of ['https://127.0.0.1/', 'https://0x7f.1/', 'https://2130706433/', 'https://[::1]/', 'https://[::ffff:7f00:1]/', 'https://169.254.169.254/latest/meta-data']) {
      expect(await targetProblem(url, STRICT, never), url).toMatch(/address; webhooks go to public addresses only/);
    }
  });

  it('with WEBHOOKS_ALLOW_PRIVATE_TARGETS allows http and private hosts (an internal network, tests)', async () => {
    const open = { allowPrivateTargets: true };
    expect(await targetProblem('http://localhost:8080/hook', open, doesNotResolve)).toBeNull();
    expect(await targetProblem('https://10.0.0.5/hook', open)).toBeNull();
    expect(await targetProblem('ftp://10.0.0.5/hook', open)).toBe('must start with https:// or http://');
  });
});

describe('checking again when the worker connects', () => {
  const lookupVia = (lookup: LookupAll, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number | undefined }>((resolve) =>
      guardedLookup(lookup)('hooks.example.com', { all }, (err, address, family) => resolve({ err, address, family })),
    );

  it('hands the socket a public address, in the shape node:net asks for', async () => {
    expect(await lookupVia(resolvesTo('93.184.215.14'), false)).toEqual({ err: null, address: '93.184.215.14', family: 4 });
    expect((await lookupVia(resolvesTo('93.184.215.14', '2606:4700:4700::1111'), true)).address).toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
  });

  it('refuses to connect once the name points somewhere private (the DNS changed after subscribing)', async () => {
    const { err } = await lookupVia(resolvesTo('127.0.0.1'), false);
    expect(err?.code).toBe('ETARGETREFUSED');
    expect(err?.message).toMatch(/resolves to 127\.0\.0\.1, a loopback address/);
    expect((await lookupVia(resolvesTo('93.184.215.14', 'fd12::1'), true)).err?.code).toBe('ETARGETREFUSED');
  });

  it('checks a literal address itself, since node:net does not look those up', async () => {
    await expect(assertPublic('[::1]')).rejects.toThrow(/loopback/);
    await expect(assertPublic('93.184.215.14')).resolves.toBeUndefined();
  });
});
