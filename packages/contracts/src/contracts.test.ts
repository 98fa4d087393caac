import { describe, expect, it } from 'vitest';
import { ERRORS, errorMessage, LANGUAGES, pickLanguage } from './index';
import { PERMISSION_LABELS, PERMISSIONS, SYSTEM_ROLES } from './permissions';
import { SetupCreate, StaffCreate, TenantSettingsUpdate } from './tenancy';

describe('language negotiation', () => {
  it.each([
    ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh-CN,zh;q=0.9', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr-FR', 'en'],
  ])('%s → %s', (header, lang) => {
    expect(pickLanguage(header)).toBe(lang);
  });
  it('falls back when no header is sent', () => {
    expect(pickLanguage(undefined, 'zh-TW')).toBe('zh-TW');
  });
});

describe('error messages', () => {
  it('exist in every language for every code', () => {
    for (const [code, def] of Object.entries(ERRORS)) {
      for (const lang of LANGUAGES) expect(def.message[lang], `${code} ${lang}`).toBeTruthy();
      expect(def.status).toBeGreaterThanOrEqual(400);
    }
  });
  it('fill placeholders, translating entity names', () => {
    expect(errorMessage('not_found', 'zh-TW', { entity: 'store' })).toBe(
      '找不到此門市。它可能已被刪除。',
    );
    expect(errorMessage('not_found', 'en', { entity: 'store' })).toContain('This store');
    expect(errorMessage('auth.locked', 'zh-CN', { minutes: 15 })).toContain('15 分钟');
  });
});

describe('permissions', () => {
  it('have a label in each language', () => {
    for (const p of PERMISSIONS)
      for (const lang of LANGUAGES) expect(PERMISSION_LABELS[p][lang]).toBeTruthy();
  });
  it('give the administrator every permission', () => {
    expect([...SYSTEM_ROLES.admin.permissions].sort()).toEqual([...PERMISSIONS].sort());
  });
});

describe('contracts reject what they do not know', () => {
  it('refuses unknown fields', () => {
    const r = StaffCreate.safeParse({
      name: 'A',
      email: 'a@b.co',
      roleId: '00000000-0000-4000-8000-000000000000',
      password: 'long enough password',
      isRoot: true,
    });
    expect(r.success).toBe(false);
  });
  it('checks time zones, quiet hours and business codes', () => {
    const base = {
      name: 'Shop',
      defaultLanguage: 'en',
      timeZone: 'Asia/Taipei',
      currency: 'TWD',
      phoneCountry: 'TW',
      rocDates: false,
      quietHoursStart: '21:00',
      quietHoursEnd: '09:00',
      brandColor: '#123456',
      version: 1,
    };
    expect(TenantSettingsUpdate.safeParse(base).success).toBe(true);
    expect(TenantSettingsUpdate.safeParse({ ...base, timeZone: 'Mars/Base' }).success).toBe(false);
    expect(TenantSettingsUpdate.safeParse({ ...base, quietHoursEnd: '25:00' }).success).toBe(false);
    const setup = (slug: string) =>
      SetupCreate.safeParse({
        business: { name: 'S', slug, defaultLanguage: 'en' },
        admin: { name: 'A', email: 'a@b.co', password: 'long enough password' },
      });
    expect(setup('Hot-Pot').success).toBe(true); // lower-cased
    expect(setup('a').success).toBe(false);
    expect(setup("x'; drop table--").success).toBe(false);
  });
});
