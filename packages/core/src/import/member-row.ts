import { validateCustomValues, type CustomFieldDef, type CustomValue } from '../custom-fields';
import { parseDate } from '../dates';
import { normalizePhone } from '../phone';
import { cellText, type Cell } from './cells';
import type { RowProblem } from './reasons';
import { readMappedCells, type CellRules } from './row-cells';
import { boolOf, channelOf, genderOf, languageOf } from './values';

/** What a row says about a member; a field left undefined was not in the row (kept on update). */
export type MemberImportValues = {
  name?: string;
  gender?: string;
  birthday?: string;
  phone?: string;
  otherPhones: string[];
  email?: string;
  address?: string;
  preferredChannel?: string;
  language?: string;
  timeZone?: string;
  homeStoreId?: string;
  externalId?: string;
  cardNumber?: string;
  tags: string[];
  consents: Record<string, boolean>;
  custom: Record<string, CustomValue>;
};

export type MemberRowContext = {
  phoneCountry: string;
  rocDates: boolean;
  customDefs: CustomFieldDef[];
  /** Store id by code or name, lower case. */
  stores: Map<string, string>;
};

export type MemberRowResult =
  | { kind: 'empty' }
  | { kind: 'ok'; values: MemberImportValues }
  | { kind: 'rejected'; problems: RowProblem[] };

const TAG_LIMIT = 40;
const RULES: CellRules = {
  limits: { name: 100, address: 300, email: 254, externalId: 100, timeZone: 60, custom: 2000 },
  signed: ['phone', 'otherPhones'],
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Normalises one row of a member import by the column mapping (field id per column, or null):
 * full-width characters, phone formats, dates in every common form, choice values in three
 * languages, custom fields by their definitions. Every problem is reported with its column.
 */
export function normalizeMemberRow(
  cells: readonly Cell[],
  mapping: readonly (string | null)[],
  ctx: MemberRowContext,
): MemberRowResult {
  const v: MemberImportValues = { otherPhones: [], tags: [], consents: {}, custom: {} };
  const problems: RowProblem[] = [];
  const rawCustom: Record<string, CustomValue> = {};
  const customColumn = new Map<string, number>();
  const any = readMappedCells(
    cells,
    mapping,
    RULES,
    problems,
    ({ field, col, cell, text, fail }) => {
      switch (field) {
        case 'name':
        case 'address':
        case 'externalId':
          v[field] = text;
          return;
        case 'cardNumber':
          v.cardNumber = text.replace(/\s/g, '');
          return;
        case 'gender': {
          const g = genderOf(text);
          return g ? void (v.gender = g) : fail('gender.invalid');
        }
        case 'birthday': {
          const d =
            cell instanceof Date && text
              ? { ok: true as const, date: text }
              : parseDate(typeof cell === 'number' ? cell : text, { rocDates: ctx.rocDates });
          if (d.ok) return void (v.birthday = d.date);
          const roc = !ctx.rocDates && parseDate(text, { rocDates: true }).ok;
          return fail(roc ? 'date.roc_disabled' : 'date.invalid');
        }
        case 'phone': {
          const p = normalizePhone(text, ctx.phoneCountry);
          return p.ok ? void (v.phone = p.phone.e164) : fail('phone.invalid');
        }
        case 'otherPhones':
          for (const part of text.split(/[,;/、，；]/).filter((s) => s.trim())) {
            const p = normalizePhone(part, ctx.phoneCountry);
            if (!p.ok) return fail('phone.invalid');
            if (!v.otherPhones.includes(p.phone.e164)) v.otherPhones.push(p.phone.e164);
          }
          return;
        case 'email': {
          const e = text.toLowerCase();
          return EMAIL.test(e) ? void (v.email = e) : fail('email.invalid');
        }
        case 'preferredChannel': {
          const c = channelOf(text);
          return c ? void (v.preferredChannel = c) : fail('channel.invalid');
        }
        case 'language': {
          const l = languageOf(text);
          return l ? void (v.language = l) : fail('language.invalid');
        }
        case 'timeZone':
          return validTimeZone(text) ? void (v.timeZone = text) : fail('timezone.invalid');
        case 'homeStore': {
          const id = ctx.stores.get(text.toLowerCase());
          return id ? void (v.homeStoreId = id) : fail('store.unknown');
        }
        case 'tags':
          for (const t of text.split(/[,;、，；|]/).map((s) => s.trim())) {
            if (!t) continue;
            if (t.length > TAG_LIMIT) return fail('value.too_long');
            if (!v.tags.includes(t)) v.tags.push(t);
          }
          if (v.tags.length > 100) fail('tags.too_many');
          return;
      }
      if (field.startsWith('consent.')) {
        const b = boolOf(text);
        return b === null ? fail('value.not_boolean') : void (v.consents[field.slice(8)] = b);
      }
      if (field.startsWith('custom.')) {
        const key = field.slice(7);
        const def = ctx.customDefs.find((d) => d.key === key);
        customColumn.set(key, col);
        if (def?.type === 'boolean') {
          const b = boolOf(text);
          return b === null ? fail('value.not_boolean') : void (rawCustom[key] = b);
        }
        if (def?.type === 'choices')
          return void (rawCustom[key] = text
            .split(/[,;、，；|]/)
            .map((s) => s.trim())
            .filter(Boolean));
        if (def?.type === 'date' && cell instanceof Date) return void (rawCustom[key] = text);
        rawCustom[key] = typeof cell === 'number' ? cell : text;
      }
    },
  );
  if (!any && problems.length === 0) return { kind: 'empty' };
  if (Object.keys(rawCustom).length) {
    const r = validateCustomValues(ctx.customDefs, rawCustom, { partial: true });
    if (r.ok) v.custom = r.values;
    else
      for (const p of r.problems) {
        const col = customColumn.get(p.field) ?? -1;
        problems.push({ column: col, value: cellText(cells[col] ?? null), reason: p.reason });
      }
  }
  return problems.length ? { kind: 'rejected', problems } : { kind: 'ok', values: v };
}
