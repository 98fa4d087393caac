import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMail, type MailParts } from './mime';

const base: MailParts = {
  from: { name: '熟客小舖', address: 'hello@shop.test' },
  to: 'lin@example.com',
  subject: '林小姐，本週新品',
  text: '林小姐您好：\n本週新品已上架。',
  html: '<p>林小姐您好：</p><p>本週新品已上架。</p>',
  messageId: '<3b0c1f9e-0000-4000-8000-000000000001@shop.test>',
  date: new Date('2026-03-10T04:00:00Z'),
};
const parse = (m: Partial<MailParts>) => simpleParser(composeMail({ ...base, ...m }));

describe('composing an email', () => {
  it('reads back as written: sender, subject, text and HTML parts, id and date', async () => {
    const p = await parse({
      replyTo: 'shop@example.com',
      headers: { 'List-Unsubscribe': '<https://x.test/u>' },
    });
    expect(p.from?.value).toEqual([{ name: '熟客小舖', address: 'hello@shop.test' }]);
    expect(p.to && !Array.isArray(p.to) && p.to.text).toBe('lin@example.com');
    expect(p.replyTo?.text).toBe('shop@example.com');
    expect(p.subject).toBe('林小姐，本週新品');
    expect(p.text).toBe('林小姐您好：\n本週新品已上架。');
    expect(p.html).toBe('<p>林小姐您好：</p><p>本週新品已上架。</p>');
    expect(p.messageId).toBe(base.messageId);
    expect(p.date).toEqual(base.date);
    expect(p.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe(
      'List-Unsubscribe: <https://x.test/u>',
    );
  });

  it('keeps a line break planted in a subject or a name inside that header', async () => {
    const p = await parse({
      subject: 'Hi\r\nBcc: victim@example.net',
      from: { name: 'Shop "best"\r\nX-Evil: 1', address: 'hello@shop.test' },
    });
    expect(p.subject).toBe('Hi\r\nBcc: victim@example.net');
    expect(p.headers.has('bcc')).toBe(false);
    expect(p.headers.has('x-evil')).toBe(false);
    expect(p.from?.value[0]?.address).toBe('hello@shop.test');
    expect(() => composeMail({ ...base, to: 'a@b.test\r\nBcc: c@d.test' })).toThrow();
  });

  it('folds a long subject into short encoded words and sends text alone as one part', async () => {
    const subject = '親愛的會員'.repeat(20);
    const raw = composeMail({ ...base, subject, html: undefined }).toString();
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const p = await parse({ subject, html: undefined });
    expect(p.subject).toBe(subject);
    expect(p.html).toBe(false);
    expect(p.text).toBe('林小姐您好：\n本週新品已上架。');
  });
});
