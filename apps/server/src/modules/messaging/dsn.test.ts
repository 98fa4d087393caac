import { describe, expect, it } from 'vitest';
import { readDsn } from './dsn';
import { exchangeBounce, outOfOffice, postfixBounce, postfixDelay } from './dsn-samples';

const s = {
  to: 'bounces+b1.token@bounce.shop.test',
  rcpt: 'gone@example.net',
  messageId: '<3b0c1f9e-0000-4000-8000-000000000001@shop.test>',
};
const read = (raw: string) => readDsn(Buffer.from(raw));

describe('reading delivery status notifications', () => {
  it('reads a Postfix bounce as hard, with the status, recipient and diagnostic', () => {
    expect(read(postfixBounce(s))).toMatchObject({
      kind: 'hard',
      action: 'failed',
      status: '5.1.1',
      recipient: 'gone@example.net',
      diagnostic:
        '550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in local recipient table',
    });
  });

  it('reads an Exchange report (nested alternative part, whole message returned) as hard', () => {
    expect(read(exchangeBounce(s))).toMatchObject({ kind: 'hard', status: '5.1.10' });
  });

  it('reads a delay notice as soft, and an out-of-office reply as no bounce at all', () => {
    expect(read(postfixDelay(s))).toMatchObject({
      kind: 'soft',
      action: 'delayed',
      status: '4.2.2',
    });
    expect(read(outOfOffice(s))).toEqual({ kind: 'none', why: 'not_a_report' });
  });

  it('a final failure with a 4.x.x status is soft; a success notice is no bounce', () => {
    const expired = postfixBounce(s).replace('Status: 5.1.1', 'Status: 4.4.7');
    expect(read(expired)).toMatchObject({ kind: 'soft', action: 'failed', status: '4.4.7' });
    const delivered = postfixBounce(s)
      .replace('Status: 5.1.1', 'Status: 2.0.0')
      .replace('Action: failed', 'Action: delivered');
    expect(read(delivered)).toEqual({ kind: 'none', why: 'not_a_failure' });
  });

  it('keys a notification by its Message-ID, so the same one is known again', () => {
    const a = read(postfixBounce(s));
    const again = read(postfixBounce(s).replace(/\r\n/g, '\n'));
    const other = read(postfixBounce({ ...s, dsnId: 'another' }));
    expect(a.kind === 'hard' && a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(again).toEqual(a);
    expect(other.kind === 'hard' && other.key).not.toBe(a.kind === 'hard' && a.key);
  });

  it('reads a base64-encoded report and the worst of several recipients', () => {
    const fields =
      'Reporting-MTA: dns; mx.example.net\r\n\r\n' +
      'Final-Recipient: rfc822; a@example.net\r\nAction: delayed\r\nStatus: 4.4.1\r\n\r\n' +
      'Final-Recipient: rfc822; b@example.net\r\nAction: failed\r\nStatus: 5.2.1 (disabled)\r\n';
    const raw = [
      'From: MAILER-DAEMON@mx.example.net',
      'Content-Type: multipart/report; report-type="delivery-status"; boundary="=_x"',
      '',
      '--=_x',
      'Content-Type: text/plain',
      '',
      'Status: 5.9.9 in the human part means nothing',
      '--=_x',
      'Content-Type: message/delivery-status',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(fields).toString('base64'),
      '--=_x--',
      '',
    ].join('\r\n');
    expect(read(raw)).toMatchObject({
      kind: 'hard',
      status: '5.2.1',
      recipient: 'b@example.net',
    });
  });
});
