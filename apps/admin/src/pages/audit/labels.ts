import type { TFunction } from 'i18next';
import { ENTITY_LABELS, type AuditEntry, type Language } from '@regulars/contracts';

/** What the tenancy module records; the filters also accept what later modules add. */
export const ENTITY_TYPES = [
  'tenant',
  'store',
  'staff',
  'role',
  'api_key',
  'member',
  'product',
  'custom_field',
];
export const ACTIONS = [
  'tenant.created',
  'settings.updated',
  'store.created',
  'store.updated',
  'staff.created',
  'staff.updated',
  'staff.signed_in',
  'staff.signed_out',
  'staff.locked',
  'role.created',
  'role.updated',
  'role.deleted',
  'api_key.created',
  'api_key.revoked',
  'member.created',
  'member.updated',
  'member.contact_viewed',
  'member.consent_changed',
  'member.erased',
  'member.merged',
  'note.updated',
  'note.deleted',
  'product.created',
  'product.updated',
  'custom_field.created',
  'custom_field.updated',
];

export function entityLabel(type: string, lang: Language): string {
  const label = ENTITY_LABELS[type]?.[lang] ?? type;
  // The labels are written to sit inside sentences; a column shows them as names.
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** `role.created` reads `audit.actions.role.created`; unknown actions show as recorded. */
export function actionLabel(t: TFunction, action: string): string {
  return t(`audit.actions.${action}`, { defaultValue: action });
}

export function actorLabel(t: TFunction, e: AuditEntry): string {
  switch (e.actorType) {
    case 'staff':
      return e.actorName ?? t('audit.actorStaff');
    case 'api_key':
      return t('audit.actorApiKey', { name: e.actorName ?? '' });
    case 'member':
      return t('audit.actorMember', { name: e.actorName ?? '' });
    case 'system':
      return e.actorName
        ? t('audit.actorSystemNamed', { name: e.actorName })
        : t('audit.actorSystem');
  }
}
