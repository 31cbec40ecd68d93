/**
 * A waiver says "this resource knowingly breaks policy check X, because ...". It is written next to
 * the resource in code and rendered as an annotation on it, so the reason travels with the YAML and
 * the generated report (manifests/WAIVERS.md) lists every one.
 */
import { WAIVER_ANNOTATION_PREFIX } from './names.js';

export interface Waiver {
  check: string;
  reason: string;
}

export function waiverAnnotations(waivers: readonly Waiver[]): Record<string, string> {
  return Object.fromEntries(waivers.map((w) => [`${WAIVER_ANNOTATION_PREFIX}${w.check}`, w.reason]));
}

/** The waivers an object carries (from its annotations). */
export function waiversOf(annotations: Record<string, string> | undefined): Waiver[] {
  return Object.entries(annotations ?? {})
    .filter(([key]) => key.startsWith(WAIVER_ANNOTATION_PREFIX))
    .map(([key, reason]) => ({ check: key.slice(WAIVER_ANNOTATION_PREFIX.length), reason }));
}
