import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Keeps webhooks from being turned against the clinic's own network (SSRF): a target must be
 * https and reach only public addresses. Checked when a subscription is made (a clear 400) and
 * again on every connection, because a name that resolved to a public address yesterday may
 * resolve to 10.0.0.5 today. Address classes come from ipaddr.js, not from ranges kept here.
 */

export interface TargetPolicy {
  /** WEBHOOKS_ALLOW_PRIVATE_TARGETS: http and private, loopback and link-local targets allowed. */
  allowPrivateTargets: boolean;
}

export type LookupAll = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemLookup: LookupAll = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** Why an address may not be a webhook target ('loopback', 'private', ...), or null for a public one. */
export function nonPublicRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  const parsed = ipaddr.parse(address);
  // Every IPv4-mapped IPv6 address is refused, public or not: nothing legitimate needs one here.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return 'ipv4Mapped';
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

/** The hostname of a URL as an address when it is one (`[::1]` → `::1`), else null. */
function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return net.isIP(bare) ? bare : null;
}

/**
 * The reason a target URL is refused at subscribe time, or null when it is fine. Resolves the
 * name (all its addresses must be public) unless private targets are allowed.
 */
export async function targetProblem(rawUrl: string, policy: TargetPolicy, lookup: LookupAll = systemLookup): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return 'is not a URL';
  }
  const protocols = policy.allowPrivateTargets ? ['https:', 'http:'] : ['https:'];
  if (!protocols.includes(url.protocol)) return policy.allowPrivateTargets ? 'must start with https:// or http://' : 'must start with https://';
  if (url.username || url.password) return 'must not carry a user name or password; receivers check the signature instead';
  if (!url.hostname) return 'has no host';
  if (policy.allowPrivateTargets) return null;
  try {
    await assertPublic(url.hostname, lookup);
  } catch (err) {
    return err instanceof TargetRefused ? err.message : 'could not be checked';
  }
  return null;
}

/** Throws TargetRefused unless every address `hostname` stands for is public. */
export async function assertPublic(hostname: string, lookup: LookupAll = systemLookup): Promise<void> {
  const literal = literalAddress(hostname);
  if (literal) {
    const range = nonPublicRange(literal);
    if (range) throw new TargetRefused(`points to ${literal}, a ${range} address; webhooks go to public addresses only`);
    return;
  }
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(hostname);
  } catch {
    throw new TargetRefused(`names a host (${hostname}) that does not resolve`);
  }
  if (addresses.length === 0) throw new TargetRefused(`names a host (${hostname}) that does not resolve`);
  for (const { address } of addresses) {
    const range = nonPublicRange(address);
    if (range) throw new TargetRefused(`names a host (${hostname}) that resolves to ${address}, a ${range} address; webhooks go to public addresses only`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
type LookupOptions = dns.LookupOptions;

/**
 * A `lookup` for node:http(s) that refuses to connect to anything but public addresses, so the
 * check happens on the address the socket really uses, at connect time. (Node skips `lookup`
 * for a literal IP: the sender checks those itself with `assertPublic` before the request.)
 */
export function guardedLookup(lookup: LookupAll = systemLookup): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  return (hostname, options, callback) => {
    lookup(hostname)
      .then((all) => {
        const wanted = options.family === 4 || options.family === 6 ? all.filter((entry) => entry.family === options.family) : all;
        if (wanted.length === 0) throw Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' });
        for (const { address } of wanted) {
          const range = nonPublicRange(address);
          if (range) throw Object.assign(new TargetRefused(`${hostname} resolves to ${address}, a ${range} address; refused`), { code: 'ETARGETREFUSED' });
        }
        if (options.all) callback(null, wanted.map((entry) => ({ address: entry.address, family: entry.family })));
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };
}
