import { z } from 'zod';

export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Text shown to people, in each language the product speaks. */
export type Translated = Record<Language, string>;

export const Uuid = z.uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Opaque cursor for keyset pagination; `null` when there is no further page. */
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const PageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const IdParams = z.strictObject({ id: Uuid });

/** The version a write was based on (optimistic locking); versions count up from 1 in an int4. */
export const Version = z.number().int().min(1).max(2_147_483_647);

export const Ok = z.object({ ok: z.literal(true) });

/** Picks the best supported language from an Accept-Language header. */
export function pickLanguage(header: string | undefined, fallback: Language = 'en'): Language {
  if (!header) return fallback;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo' || tag.startsWith('zh-hant'))
      return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}
