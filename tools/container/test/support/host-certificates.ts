import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PEM = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g;

/** The base64 bodies (whitespace removed) of every PEM certificate in `text`. */
export function pemBodies(text: string): string[] {
  return [...text.matchAll(PEM)].map((match) => (match[1] ?? '').replace(/\s+/g, ''));
}

function debianCertificates(directory = '/usr/share/ca-certificates'): Set<string> {
  const bodies = new Set<string>();
  if (!existsSync(directory)) return bodies;
  const visit = (path: string) => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) visit(child);
      else if (name.endsWith('.crt'))
        for (const body of pemBodies(readFileSync(child, 'utf8'))) bodies.add(body);
    }
  };
  visit(directory);
  return bodies;
}

/**
 * The build host's extra CA certificates: those in its NODE_EXTRA_CA_CERTS file (or its system
 * bundle) that Debian's ca-certificates package does not ship, such as a TLS-intercepting proxy's
 * CA. None of them may appear in the image.
 */
export function hostExtraCertificates(): { file: string; extra: string[] } {
  const file = process.env.NODE_EXTRA_CA_CERTS || '/etc/ssl/certs/ca-certificates.crt';
  if (!existsSync(file)) return { file, extra: [] };
  const debian = debianCertificates();
  return { file, extra: pemBodies(readFileSync(file, 'utf8')).filter((body) => !debian.has(body)) };
}
