import { utf8Length } from '../core/text';
/**
 * Excel on the web caps one request and one response at 5 MB (docs: "Resource limits and
 * performance optimization for Office Add-ins"); values, numberFormat and valueTypes all count,
 * an empty cell costs about 20 bytes and Japanese text 3 bytes a character. Hyoka keeps well
 * under the limit by estimate, and halves and retries when Excel still says no.
 */
const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Estimated bytes per sync Hyoka aims for: 60% of the limit (3 MB), the rest is the estimate's margin. */
export const RESPONSE_BUDGET_BYTES = Math.floor(PAYLOAD_LIMIT_BYTES * 0.6);
export const REQUEST_BUDGET_BYTES = RESPONSE_BUDGET_BYTES;

/** UTF-8 length of a JSON-encodable value (what goes over the wire), without TextEncoder. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}

/** Excel's error when a sync's response (or request) is over the limit. */
export function isPayloadLimitError(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded' || /PayloadSizeLimitExceeded/.test(String((e as { message?: unknown })?.message ?? ''));
}
