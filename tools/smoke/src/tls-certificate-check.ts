import { isIP } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import { type CheckResult, fail, pass } from './smoke-check.js';

const DAY_MS = 86_400_000;

/** The certificate the server presents, verified against the trusted CAs (Node's defaults). */
export function fetchPeerCertificate(url: URL, timeoutMs: number): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = connect({
      host,
      port: Number(url.port || 443),
      // SNI carries names only; an IP address is matched against the certificate's IP SANs.
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: true,
      timeout: timeoutMs,
    });
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      socket.end();
      resolve(certificate);
    });
    socket.once('timeout', () => socket.destroy(new Error('no TLS handshake before the timeout')));
    socket.once('error', reject);
  });
}

/**
 * Over https: the certificate is valid for the host (Node verifies chain and name) and does not
 * expire within `minDays`. The line reports the expiry date either way.
 */
export async function checkTlsCertificate(
  url: URL,
  minDays: number,
  timeoutMs: number,
  now = new Date(),
): Promise<CheckResult> {
  const name = 'TLS certificate is valid';
  let certificate: PeerCertificate;
  try {
    certificate = await fetchPeerCertificate(url, timeoutMs);
  } catch (error) {
    const err = error as Error & { code?: string };
    return fail(name, `${err.code ? `${err.code}: ` : ''}${err.message.split('\n')[0]}`);
  }
  const expires = new Date(certificate.valid_to);
  const daysLeft = Math.floor((expires.getTime() - now.getTime()) / DAY_MS);
  const detail = `expires ${expires.toISOString().slice(0, 10)} (${daysLeft} days), issued by ${certificate.issuer?.CN ?? certificate.issuer?.O ?? 'unknown'}`;
  return daysLeft >= minDays
    ? pass(name, detail)
    : fail(name, `${detail}; renew it: fewer than ${minDays} days left`);
}
