import type { Language, TemplateVariant } from '@regulars/contracts';
import { escapeHtml, renderTemplate } from '@regulars/core';

export type Rendered = { subject: string | null; text: string; html: string | null };

/** The variant for a language: that language, else the business's, else any. */
export function pickVariant(
  variants: Partial<Record<Language, TemplateVariant>>,
  language: Language,
  fallback: Language,
): { language: Language; variant: TemplateVariant } | null {
  for (const l of [language, fallback, 'zh-TW', 'zh-CN', 'en'] as const) {
    const v = variants[l];
    if (v) return { language: l, variant: v };
  }
  return null;
}

const UNSUBSCRIBE: Record<Language, string> = {
  'zh-CN': '不想再收到这类消息？退订：',
  'zh-TW': '不想再收到這類訊息？取消訂閱：',
  en: 'No more messages like this? Unsubscribe:',
};

/**
 * Renders a variant for one recipient: text as is; email HTML with every value escaped. Marketing
 * email gets an unsubscribe line unless the template placed `{{ unsubscribe_url }}` itself.
 */
export function renderVariant(
  variant: TemplateVariant,
  vars: Record<string, string>,
  opts: { channel: string; language: Language; unsubscribeUrl: string | null },
): Rendered {
  const text = renderTemplate(variant.text, vars, 'text');
  const subject = variant.subject ? renderTemplate(variant.subject, vars, 'text') : null;
  if (opts.channel !== 'email') return { subject, text, html: null };
  let html = variant.html
    ? renderTemplate(variant.html, vars, 'html')
    : `<div>${renderTemplate(variant.text, vars, 'text-as-html')}</div>`;
  let plain = text;
  const url = opts.unsubscribeUrl;
  const placed = [variant.text, variant.html ?? ''].some((s) => s.includes('unsubscribe_url'));
  if (url && !placed) {
    const line = UNSUBSCRIBE[opts.language];
    plain += `\n\n--\n${line} ${url}`;
    html += `\n<p style="color:#888;font-size:12px">${escapeHtml(line)} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
  }
  return { subject, text: plain, html };
}
