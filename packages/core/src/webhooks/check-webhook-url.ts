import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard for webhook URLs (issue 13, security). The staff app calls it when an endpoint is
 * saved, for a clear error; the sender calls it again before every POST (DNS may have changed since),
 * and request-filtering-agent re-checks the address it actually connects to, so a name that resolves
 * to a public address here and a private one a moment later (DNS rebinding) is still refused.
 */
export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

export interface CheckWebhookUrlOptions {
  /** Development only (WEBHOOK_ALLOW_PRIVATE_URLS): skip the address rules, keep the scheme rules. */
  allowPrivate?: boolean;
  /** Every address the host resolves to; node:dns by default (injectable for tests). */
  lookup?: (host: string) => Promise<string[]>;
}

/** Names that reach a cloud provider's instance metadata service, whatever they resolve to. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** Addresses of metadata services that are not already in a refused range (belt and braces). */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.170.2']);

/**
 * Why an address may not receive webhooks ("a loopback address"), or null when it is an ordinary public (unicast) one.
 * Pure. Everything ipaddr.js does not class as unicast is refused: loopback, private (RFC 1918),
 * link-local, unique-local, CGNAT, unspecified, broadcast, multicast, reserved, documentation,
 * and IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo).
 */
export function refusedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const normalized = ip.kind() === 'ipv6' ? (ip as ipaddr.IPv6).toRFC5952String() : ip.toString();
  if (METADATA_ADDRESSES.has(normalized)) return 'a cloud metadata address';
  const range = ip.range();
  if (range === 'unicast') return null;
  return `a ${RANGE_WORDS[range] ?? range} address`;
}

const RANGE_WORDS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (shared)',
  private: 'private',
  reserved: 'reserved',
  uniqueLocal: 'unique-local (private)',
  ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'IPv4-translated',
  rfc6052: 'NAT64',
  '6to4': '6to4',
  teredo: 'Teredo',
  benchmarking: 'benchmarking',
  as112: 'AS112',
  as112v6: 'AS112',
  orchid2: 'ORCHID',
  deprecatedSiteLocal: 'site-local',
};

async function lookupAll(host: string): Promise<string[]> {
  const answers = await dnsLookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

/** Parse the URL, require http(s), resolve every address and refuse the non-public ones. */
export async function checkWebhookUrl(raw: string, options: CheckWebhookUrlOptions = {}): Promise<WebhookUrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'That is not a valid URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'The URL must start with https:// or http://.' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'The URL must not contain a user name or password.' };
  if (options.allowPrivate) return { ok: true, url };

  // URL keeps IPv6 literals in brackets; a trailing dot names the same host.
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return { ok: false, reason: `${host} is a loopback name.` };
  if (METADATA_HOSTS.has(host)) return { ok: false, reason: `${host} is a cloud metadata service.` };

  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      addresses = await (options.lookup ?? lookupAll)(host);
    } catch (e) {
      const code = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : 'error';
      return { ok: false, reason: `${host} does not resolve (${code}).` };
    }
    if (addresses.length === 0) return { ok: false, reason: `${host} does not resolve.` };
  }
  for (const address of addresses) {
    const why = refusedAddressReason(address);
    if (why !== null) return { ok: false, reason: address === host ? `${address} is ${why}.` : `${host} resolves to ${address}, ${why}.` };
  }
  return { ok: true, url };
}
