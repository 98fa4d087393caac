import type { TFunction } from 'i18next';
import {
  CATALOG_FIELD_LABELS,
  MEMBER_IMPORT_FIELDS,
  PRODUCT_IMPORT_FIELDS,
  PURCHASE_IMPORT_FIELDS,
  type CustomField,
  type ImportKind,
  type Language,
} from '@regulars/contracts';

/** The member fields a column can fill (as the server's importer reads them). */
export const IMPORT_FIELDS = MEMBER_IMPORT_FIELDS;

/** The fields a column of a product or purchase file can fill, labelled in `lang`. */
export function catalogFieldOptions(kind: Exclude<ImportKind, 'members'>, lang: Language) {
  const fields = kind === 'products' ? PRODUCT_IMPORT_FIELDS : PURCHASE_IMPORT_FIELDS;
  return fields.map((f) => ({ value: f, label: CATALOG_FIELD_LABELS[f]![lang] }));
}

export function fieldOptions(t: TFunction, lang: Language, custom: CustomField[]) {
  const label = (f: string) => {
    if (f.startsWith('consent.'))
      return t('imports.consentField', { channel: t(`members.channels.${f.slice(8)}`) });
    if (f === 'cardNumber') return t('members.cardNumber');
    if (f === 'externalId') return t('members.externalId');
    return t(`members.${f}`);
  };
  return [
    ...IMPORT_FIELDS.map((f) => ({ value: f, label: label(f) })),
    ...custom
      .filter((c) => c.active)
      .map((c) => ({ value: `custom.${c.key}`, label: c.label[lang] || c.key })),
  ];
}
