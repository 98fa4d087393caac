// Delivery status notifications as real mail servers write them (RFC 3464), for the tests: a
// Postfix bounce and delay notice, an Exchange Online non-delivery report, and an out-of-office
// reply. `to` is our bounce address (the envelope sender the message went out with), `rcpt` the
// address that failed, `messageId` the Message-ID of our message (returned in the DSN).

type Sample = { to: string; rcpt: string; messageId: string; dsnId?: string };

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** Postfix 3.x: "Undelivered Mail Returned to Sender", the original's headers returned. */
export function postfixBounce({ to, rcpt, messageId, dsnId = '20261125020002.3F2A51C0' }: Sample) {
  return crlf(`Return-Path: <>
Delivered-To: ${to}
Received: by mx.example.net (Postfix)
\tid 3F2A51C0; Wed, 25 Nov 2026 10:00:02 +0800 (CST)
Date: Wed, 25 Nov 2026 10:00:02 +0800 (CST)
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: ${to}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="3F2A51C0.1764036002/mx.example.net"
Content-Transfer-Encoding: 7bit
Message-Id: <${dsnId}@mx.example.net>

This is a MIME-encapsulated message.

--3F2A51C0.1764036002/mx.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<${rcpt}>: host mail.example.net[203.0.113.5] said: 550 5.1.1
    <${rcpt}>: Recipient address rejected: User unknown in local recipient
    table (in reply to RCPT TO command)

--3F2A51C0.1764036002/mx.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 3F2A51C0
X-Postfix-Sender: rfc822; ${to}
Arrival-Date: Wed, 25 Nov 2026 10:00:01 +0800 (CST)

Final-Recipient: rfc822; ${rcpt}
Original-Recipient: rfc822;${rcpt}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mail.example.net
Diagnostic-Code: smtp; 550 5.1.1 <${rcpt}>: Recipient address rejected: User
    unknown in local recipient table

--3F2A51C0.1764036002/mx.example.net
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers
Content-Transfer-Encoding: 7bit

Return-Path: <${to}>
Received: from mail.shop.test (mail.shop.test [198.51.100.7])
\tby mx.example.net (Postfix) with ESMTPS id 3F2A51C0
\tfor <${rcpt}>; Wed, 25 Nov 2026 10:00:01 +0800 (CST)
From: =?UTF-8?B?54af5a6i5bCP6IiW?= <hello@shop.test>
To: ${rcpt}
Subject: =?UTF-8?B?5paw5ZOB5LiK5biC?=
Message-ID: ${messageId}
Date: Wed, 25 Nov 2026 02:00:00 +0000
MIME-Version: 1.0

--3F2A51C0.1764036002/mx.example.net--
`);
}

/** Postfix's delay warning (delay_warning_time): the message is still being retried. */
export function postfixDelay({ to, rcpt, messageId, dsnId = '20261125060002.8A1B2C3D' }: Sample) {
  return crlf(`Return-Path: <>
Date: Wed, 25 Nov 2026 14:00:02 +0800 (CST)
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: ${to}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="8A1B2C3D.1764050402/mx.example.net"
Message-Id: <${dsnId}@mx.example.net>

--8A1B2C3D.1764050402/mx.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

<${rcpt}>: host mail.example.net[203.0.113.5] said: 452 4.2.2 Mailbox full
    (in reply to RCPT TO command)

--8A1B2C3D.1764050402/mx.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 8A1B2C3D
X-Postfix-Sender: rfc822; ${to}
Arrival-Date: Wed, 25 Nov 2026 10:00:01 +0800 (CST)

Final-Recipient: rfc822; ${rcpt}
Action: delayed
Status: 4.2.2
Remote-MTA: dns; mail.example.net
Diagnostic-Code: smtp; 452 4.2.2 Mailbox full
Will-Retry-Until: Wed, 30 Nov 2026 10:00:01 +0800 (CST)

--8A1B2C3D.1764050402/mx.example.net
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Message-ID: ${messageId}
From: hello@shop.test
To: ${rcpt}

--8A1B2C3D.1764050402/mx.example.net--
`);
}

/** Exchange Online's non-delivery report: HTML and text, the report, the whole original. */
export function exchangeBounce({ to, rcpt, messageId, dsnId = 'b7f0e2c1-ndr' }: Sample) {
  return crlf(`Received: from CO1PR01MB1234.prod.outlook.com (2603:10b6:303:9a::12)
 by CO1PR01MB5678.prod.outlook.com with HTTPS; Wed, 25 Nov 2026 02:00:03 +0000
MIME-Version: 1.0
From: <postmaster@contoso.onmicrosoft.com>
To: <${to}>
Date: Wed, 25 Nov 2026 02:00:03 +0000
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="a1b2c3d4-e5f6-4a1b-9c8d-000000000001"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID: <${dsnId}@CO1PR01MB1234.prod.outlook.com>
In-Reply-To: ${messageId}
References: ${messageId}
Thread-Topic: =?utf-8?B?5paw5ZOB5LiK5biC?=
Subject: Undeliverable: =?utf-8?B?5paw5ZOB5LiK5biC?=
Auto-Submitted: auto-replied

--a1b2c3d4-e5f6-4a1b-9c8d-000000000001
Content-Type: multipart/alternative;
\tdifferences=Content-Type;
\tboundary="a1b2c3d4-e5f6-4a1b-9c8d-000000000002"

--a1b2c3d4-e5f6-4a1b-9c8d-000000000002
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

Your message to ${rcpt} couldn't be delivered.
${rcpt.split('@')[0]} wasn't found at contoso.com.

Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipie=
nt not found by SMTP address lookup'

--a1b2c3d4-e5f6-4a1b-9c8d-000000000002
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=
=3Dus-ascii"></head><body><p>Your message to ${rcpt} couldn't be delivered.</p>
</body></html>

--a1b2c3d4-e5f6-4a1b-9c8d-000000000002--

--a1b2c3d4-e5f6-4a1b-9c8d-000000000001
Content-Type: message/delivery-status

Reporting-MTA: dns;CO1PR01MB1234.prod.outlook.com
Received-From-MTA: dns;mail.shop.test
Arrival-Date: Wed, 25 Nov 2026 02:00:01 +0000

Original-Recipient: rfc822;${rcpt}
Final-Recipient: rfc822;${rcpt}
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup


--a1b2c3d4-e5f6-4a1b-9c8d-000000000001
Content-Type: message/rfc822

Received: from mail.shop.test (198.51.100.7) by CO1PR01MB1234.prod.outlook.com
From: hello@shop.test
To: ${rcpt}
Subject: =?UTF-8?B?5paw5ZOB5LiK5biC?=
Message-ID: ${messageId}
Date: Wed, 25 Nov 2026 02:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hello

--a1b2c3d4-e5f6-4a1b-9c8d-000000000001--
`);
}

/** An out-of-office reply (Exchange style): an answer from a person's mailbox, not a bounce. */
export function outOfOffice({ to, rcpt, messageId }: Sample) {
  return crlf(`From: Lin Mei-ling <${rcpt}>
To: <${to}>
Subject: Automatic reply: =?utf-8?B?5paw5ZOB5LiK5biC?=
Date: Wed, 25 Nov 2026 02:00:05 +0000
Message-ID: <ooo-1@contoso.com>
In-Reply-To: ${messageId}
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: ${rcpt}
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit
MIME-Version: 1.0

I am out of the office until 1 December. Mail is not read; 5.1.1 Status: failed in this text
means nothing.
`);
}
