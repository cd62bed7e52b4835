import path from 'node:path';

/** A scheme (`https:`, `file:`, `mailto:`…) or a UNC / network path (`\\host\share`, `//host`). */
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]+:|\\\\|\/\/)/i;

/**
 * The link from a written report to an input workbook: the input's path relative to the
 * report's folder, each segment percent-encoded where a link would misread it (`%`, `#`, `?`,
 * spaces, controls, brackets; other characters, Japanese included, as they are). Null — no
 * link at all — when the name could be taken for a URL or a network path: a report must never
 * send a click off the machine because of what a sender called a file.
 */
export function linkTarget(out: string, input: string): string | null {
  if (input === '') return null;
  const relative = path.relative(path.dirname(path.resolve(out)), path.resolve(input)).split(path.sep);
  if (relative.some((segment) => segment.includes('\\')) || URL_LIKE.test(relative.join('/')) || URL_LIKE.test(path.basename(input))) return null;
  // eslint-disable-next-line no-control-regex -- control characters are among what must be encoded
  return relative.map((segment) => segment.replace(/[%#?\s\u0000-\u001f\u007f"<>[\]^`{|}]/g, (ch) => encodeURIComponent(ch))).join('/');
}
