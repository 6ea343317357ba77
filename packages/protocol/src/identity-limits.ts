/**
 * Limits on identity and custom attributes. Light (no TypeBox) so the widget can check a page's
 * `Parley('set', ...)` call before sending it, with the relay's own numbers.
 */
export const IDENTITY_LIMITS = {
  maxTokenLength: 4096,
  maxUserIdLength: 255,
  maxNameLength: 200,
  maxEmailLength: 320,
  maxAttributes: 50,
  maxAttributeKeyLength: 64,
  maxAttributeValueLength: 1000,
  /** Keys: a letter first, then letters, digits, `_`, `.` or `-`, 64 at most. */
  attributeKeyPattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$',
} as const;
