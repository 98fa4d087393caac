/**
 * Why an import row (or one of its cells) was not saved. Labels and advice in three languages
 * live in the contracts (IMPORT_REJECT_LABELS), keyed by these codes.
 */
export const IMPORT_REJECT_REASONS = [
  'encoding.invalid',
  'value.formula',
  'value.too_long',
  'value.required',
  'key.missing',
  'phone.invalid',
  'phone.taken',
  'email.invalid',
  'email.ambiguous',
  'date.invalid',
  'date.roc_disabled',
  'gender.invalid',
  'language.invalid',
  'channel.invalid',
  'timezone.invalid',
  'store.unknown',
  'card.unknown',
  'keys.conflict',
  'row.duplicate',
  'tags.too_many',
  'value.not_number',
  'value.not_date',
  'value.not_boolean',
  'value.not_text',
  'value.unknown_option',
  'value.unknown_field',
  'money.invalid',
  'quantity.invalid',
  'member.unknown',
  'member.missing',
  'product.unknown',
  'order.conflict',
  'order.incomplete',
] as const;
export type ImportRejectReason = (typeof IMPORT_REJECT_REASONS)[number];

/** One problem of one row: the column (index into the file's columns, or -1) and why. */
export type RowProblem = { column: number; value: string; reason: ImportRejectReason };
