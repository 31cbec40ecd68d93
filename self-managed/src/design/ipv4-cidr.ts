/**
 * IPv4 addresses and CIDR blocks as 32-bit numbers: parse, contain, overlap. Written here rather
 * than taken from a package because the design needs only these three questions, on IPv4 only,
 * and the maintained address libraries (ipaddr.js, ip-address) answer none of "do these overlap"
 * directly — it would be this same arithmetic on top of them.
 */

export interface Cidr {
  text: string;
  /** First address, as an unsigned 32-bit number. */
  first: number;
  /** Last address. */
  last: number;
  prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** `10.30.0.11` → 169738251; throws on anything that is not a dotted-quad IPv4 address. */
export function parseIpv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p)))
    throw new Error(`${JSON.stringify(text)} is not an IPv4 address (expected e.g. 10.30.0.11)`);
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** `10.244.0.0/16`; throws when the text is not a CIDR or has bits set after the prefix. */
export function parseCidr(text: string): Cidr {
  const [address, prefixText, extra] = text.split('/');
  const prefix = Number(prefixText);
  if (address === undefined || extra !== undefined || !/^\d{1,2}$/.test(prefixText ?? '') || prefix > 32)
    throw new Error(`${JSON.stringify(text)} is not an IPv4 CIDR block (expected e.g. 10.244.0.0/16)`);
  const first = parseIpv4(address);
  const size = 2 ** (32 - prefix);
  if (first % size !== 0)
    throw new Error(`${text}: the address has bits set after /${prefix} (did you mean a block boundary?)`);
  return { text, first, last: first + size - 1, prefix };
}

export function contains(block: Cidr, address: number): boolean {
  return address >= block.first && address <= block.last;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}
