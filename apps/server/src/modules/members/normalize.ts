import {
  memberSearchDoc,
  normalizePhone,
  validateCustomValues,
  type CustomValue,
} from '@regulars/core';
import type { Tx } from '@regulars/db';
import { AppError } from '../../http/errors';

/** One phone in any format to E.164, or a 400 naming the value and the field. */
export function phoneOrFail(raw: string, country: string, field: string): string {
  const r = normalizePhone(raw, country);
  if (!r.ok) throw new AppError('member.invalid_phone', { value: raw }, { field });
  return r.phone.e164;
}

export function checkTimeZone(tz: string | null | undefined): void {
  if (!tz) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new AppError('member.invalid_time_zone', { value: tz }, { field: 'timeZone' });
  }
}

/** Custom values checked against the business's definitions, or a 400 listing every problem. */
export async function checkCustom(
  tx: Tx,
  values: Record<string, CustomValue>,
  partial: boolean,
): Promise<Record<string, CustomValue>> {
  const defs = await tx.selectFrom('custom_fields').selectAll().execute();
  const r = validateCustomValues(
    defs.map((d) => ({
      key: d.field_key,
      type: d.type as 'text',
      options: d.options as { value: string }[],
      required: d.required,
      active: d.active,
    })),
    values,
    { partial },
  );
  if (r.ok) return r.values;
  const first = r.problems[0]!;
  throw new AppError(
    'custom_field.invalid',
    { field: first.field, reason: first.reason },
    { problems: r.problems },
  );
}

export function searchColumns(m: {
  name: string;
  email: string | null;
  phone: string | null;
  otherPhones: string[];
  cardNumber: string;
  tags: string[];
}) {
  const doc = memberSearchDoc({
    name: m.name,
    email: m.email,
    phones: [m.phone, ...m.otherPhones].filter((p): p is string => !!p),
    cardNumber: m.cardNumber,
    tags: m.tags,
  });
  return { search_latin: doc.latin, name_initials: doc.initials, name_grams: doc.grams };
}

export const uniqueTags = (tags: string[]) => [
  ...new Set(tags.map((t) => t.trim()).filter(Boolean)),
];
