import type { TemplateCreate } from '@regulars/contracts';
import type { z } from 'zod';
import { enqueueMessages, type EnqueueInput } from '../messaging';
import { createTemplate, listTemplates } from '../messaging/templates.service';
import { DAY } from './demo-visits';
import { at, type DemoRun } from './demo-writers';

/**
 * Message templates in the three languages and a handful of messages in the outbox: with no
 * email or SMS server configured they stay there in development mode, readable in the admin.
 */
export const DEMO_TEMPLATES: z.input<typeof TemplateCreate>[] = [
  {
    name: '生日祝福',
    category: 'marketing',
    variants: {
      'zh-TW': {
        subject: '{{ member.salutation }}，生日快樂！',
        text: '{{ member.salutation }}，{{ business.name }}祝您生日快樂！生日當月來店，招牌鍋底招待一份。',
      },
      'zh-CN': {
        subject: '{{ member.salutation }}，生日快乐！',
        text: '{{ member.salutation }}，{{ business.name }}祝您生日快乐！生日当月来店，招牌锅底招待一份。',
      },
      en: {
        subject: 'Happy birthday, {{ member.salutation }}!',
        text: 'Happy birthday from {{ business.name }}! Visit us this month for a signature broth on the house.',
      },
    },
  },
  {
    name: '消費後感謝',
    category: 'transactional',
    variants: {
      'zh-TW': {
        subject: '謝謝您今天的光臨',
        text: '{{ member.salutation }}，謝謝您今天光臨{{ business.name }}，本次消費的點數已存入會員卡 {{ member.card_number }}。',
      },
      'zh-CN': {
        subject: '谢谢您今天的光临',
        text: '{{ member.salutation }}，谢谢您今天光临{{ business.name }}，本次消费的积分已存入会员卡 {{ member.card_number }}。',
      },
      en: {
        subject: 'Thank you for dining with us',
        text: '{{ member.salutation }}, thank you for visiting {{ business.name }} today. The points for your meal are on card {{ member.card_number }}.',
      },
    },
  },
  {
    name: '點數即將到期',
    category: 'transactional',
    variants: {
      'zh-TW': {
        subject: '您的點數將於年底到期',
        text: '{{ member.salutation }}，您在{{ business.name }}的點數將於 12 月 31 日到期，歡迎來店折抵或兌換好禮。',
      },
      'zh-CN': {
        subject: '您的积分将于年底到期',
        text: '{{ member.salutation }}，您在{{ business.name }}的积分将于 12 月 31 日到期，欢迎来店抵扣或兑换好礼。',
      },
      en: {
        subject: 'Your points lapse at the end of the year',
        text: '{{ member.salutation }}, your points at {{ business.name }} lapse on 31 December: come by to use them or pick a reward.',
      },
    },
  },
];

export const MESSAGING_UNITS = DEMO_TEMPLATES.length + 1;

/** The templates (found by name when there) and a few messages, each once by its cause. */
export async function writeMessaging(run: DemoRun, ids: string[]): Promise<void> {
  const admin = run.staff[0]!;
  const ctx = at(run.ctx, new Date(run.anchor.getTime() - 30 * DAY));
  const have = await run.ctx.db.withTenant(run.tenantId, (tx) => listTemplates(tx));
  const byName = new Map(have.map((t) => [t.name, t.templateId]));
  for (const t of DEMO_TEMPLATES) {
    if (!byName.has(t.name)) {
      const saved = await createTemplate(ctx, admin, {
        ...t,
        variants: t.variants ?? {},
      });
      byName.set(t.name, saved.templateId);
    }
    run.tick();
  }
  const inputs: EnqueueInput[] = [];
  for (const [n, name] of DEMO_TEMPLATES.map((t) => t.name).entries()) {
    for (let k = 0; k < 3; k++) {
      const i = (n * 7 + k * 11) % ids.length;
      const m = run.plan.members[i]!;
      inputs.push({
        cause: `demo:${name}:${m.externalId}`,
        category: DEMO_TEMPLATES[n]!.category,
        channel: m.email && k !== 1 ? 'email' : 'sms',
        memberId: ids[i]!,
        templateId: byName.get(name)!,
        createdBy: admin.actor.id,
      });
    }
  }
  await run.ctx.db.withTenant(run.tenantId, (tx) =>
    enqueueMessages(tx, at(run.ctx, run.anchor), run.tenantId, inputs),
  );
  run.tick();
  run.step('messaging');
}
