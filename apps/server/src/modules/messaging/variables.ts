import type { TemplateVariant, Translated } from '@regulars/contracts';
import { addressAs, parseTemplate, type Lang } from '@regulars/core';
import type { Tx } from '@regulars/db';
import type { MemberFacts, TenantFacts } from './facts';

/**
 * Template variables, contributed by the modules that own the data (members now; points, tier,
 * coupons later). The renderer knows only the keys and values it is handed.
 */
export type VariableProvider = {
  variables: { key: string; label: Translated; example: string }[];
  /** Values for each member, in the language the message is written in. */
  resolve(
    tx: Tx,
    members: { member: MemberFacts; language: Lang }[],
    tenant: TenantFacts,
  ): Promise<Map<string, Record<string, string>>>;
};

const providers: VariableProvider[] = [];

export function registerTemplateVariables(provider: VariableProvider): void {
  providers.push(provider);
}

export function templateVariables() {
  return providers.flatMap((p) => p.variables);
}

export function knownVariables(): Set<string> {
  return new Set(templateVariables().map((v) => v.key));
}

/** The variables the given template texts (subjects, text and HTML parts) use. */
export function variablesUsed(variants: Iterable<TemplateVariant>): Set<string> {
  const used = new Set<string>();
  for (const v of variants)
    for (const source of [v.subject, v.text, v.html])
      if (source)
        for (const part of parseTemplate(source).parts)
          if (part.kind === 'var') used.add(part.name);
  return used;
}

/**
 * Every provider's values for the members, merged per member. With `used`, only the providers of
 * variables the templates use are asked: a batch of plain receipts reads no points or tiers.
 */
export async function resolveVariables(
  tx: Tx,
  members: { member: MemberFacts; language: Lang }[],
  tenant: TenantFacts,
  used?: ReadonlySet<string>,
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const p of providers) {
    if (used && !p.variables.some((v) => used.has(v.key))) continue;
    const values = await p.resolve(tx, members, tenant);
    for (const [id, v] of values) out.set(id, { ...out.get(id), ...v });
  }
  return out;
}

registerTemplateVariables({
  variables: [
    {
      key: 'member.salutation',
      label: { 'zh-CN': '称呼（王先生）', 'zh-TW': '稱呼（王先生）', en: 'Salutation (Mr Wang)' },
      example: '林小姐',
    },
    {
      key: 'member.name',
      label: { 'zh-CN': '会员姓名', 'zh-TW': '會員姓名', en: 'Member name' },
      example: '林美玲',
    },
    {
      key: 'member.card_number',
      label: { 'zh-CN': '会员卡号', 'zh-TW': '會員卡號', en: 'Card number' },
      example: '100000017',
    },
    {
      key: 'business.name',
      label: { 'zh-CN': '商家名称', 'zh-TW': '商家名稱', en: 'Business name' },
      example: '熟客火鍋',
    },
  ],
  resolve: async (_tx, members, tenant) =>
    new Map(
      members.map(({ member, language }) => [
        member.memberId,
        {
          'member.salutation': addressAs(member.name, member.gender, language),
          'member.name': member.name,
          'member.card_number': member.cardNumber,
          'business.name': tenant.name,
        },
      ]),
    ),
});
