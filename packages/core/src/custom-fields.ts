import { parseDate } from './dates';

export type CustomFieldDef = {
  key: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'choice' | 'choices';
  options: { value: string }[];
  required: boolean;
  active: boolean;
};

export type CustomValue = string | number | boolean | string[] | null;

export type CustomProblem = {
  field: string;
  reason:
    | 'value.required'
    | 'value.not_number'
    | 'value.not_date'
    | 'value.not_boolean'
    | 'value.not_text'
    | 'value.unknown_option'
    | 'value.unknown_field';
};

type Checked = { ok: true; value: CustomValue } | { ok: false; reason: CustomProblem['reason'] };

function checkOne(def: CustomFieldDef, raw: CustomValue): Checked {
  if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
    return def.required ? { ok: false, reason: 'value.required' } : { ok: true, value: null };
  }
  const allowed = new Set(def.options.map((o) => o.value));
  switch (def.type) {
    case 'text':
      return typeof raw === 'string'
        ? { ok: true, value: raw.trim() }
        : { ok: false, reason: 'value.not_text' };
    case 'number': {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string'
            ? Number(raw.replace(/,/g, ''))
            : NaN;
      return Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, reason: 'value.not_number' };
    }
    case 'date': {
      if (typeof raw !== 'string' && typeof raw !== 'number')
        return { ok: false, reason: 'value.not_date' };
      const d = parseDate(raw, { rocDates: false });
      return d.ok ? { ok: true, value: d.date } : { ok: false, reason: 'value.not_date' };
    }
    case 'boolean':
      return typeof raw === 'boolean'
        ? { ok: true, value: raw }
        : { ok: false, reason: 'value.not_boolean' };
    case 'choice':
      return typeof raw === 'string' && allowed.has(raw)
        ? { ok: true, value: raw }
        : { ok: false, reason: 'value.unknown_option' };
    case 'choices': {
      const list = Array.isArray(raw) ? raw : [raw];
      if (!list.every((v) => typeof v === 'string' && allowed.has(v)))
        return { ok: false, reason: 'value.unknown_option' };
      return { ok: true, value: [...new Set(list as string[])] };
    }
  }
}

/**
 * Checks a member's custom values against the business's field definitions and returns them
 * normalised (numbers as numbers, dates as ISO). With `partial`, missing required fields are not
 * reported (an edit that does not touch them).
 */
export function validateCustomValues(
  defs: CustomFieldDef[],
  values: Record<string, CustomValue>,
  opts: { partial: boolean },
): { ok: true; values: Record<string, CustomValue> } | { ok: false; problems: CustomProblem[] } {
  const byKey = new Map(defs.filter((d) => d.active).map((d) => [d.key, d]));
  const problems: CustomProblem[] = [];
  const out: Record<string, CustomValue> = {};
  for (const [key, raw] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) {
      problems.push({ field: key, reason: 'value.unknown_field' });
      continue;
    }
    const r = checkOne(def, raw);
    if (r.ok) {
      if (r.value !== null) out[key] = r.value;
    } else problems.push({ field: key, reason: r.reason });
  }
  if (!opts.partial) {
    for (const def of byKey.values()) {
      if (def.required && !(def.key in values))
        problems.push({ field: def.key, reason: 'value.required' });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, values: out };
}
