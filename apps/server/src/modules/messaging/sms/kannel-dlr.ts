import type { DeliveryReport } from '../reports.service';

/** Kannel's delivery-report types, the value of %d in a dlr-url (dlr.h). */
export const KANNEL_DLR = {
  delivered: 1,
  failed: 2,
  buffered: 4,
  smscSubmit: 8,
  smscReject: 16,
} as const;

// SMPP command statuses in a NACK that say the number itself is wrong, not the moment.
const INVALID_NUMBER = new Set([0x0b, 0x33, 0x48, 0x49, 0x50, 0x51]);

/**
 * What a Kannel delivery report means for a delivery: delivered, failed (permanent when the
 * SMSC says the number is undeliverable or invalid, so the number is blocked), or nothing to
 * record (buffered at the SMSC, accepted by the SMSC: the delivery is already "sent").
 * `answer` is Kannel's %A: the SMSC's text (`id:… stat:UNDELIV err:001 …`, `NACK/0x0000000b/…`).
 */
export function reportOf(
  status: number,
  answer: string,
): Omit<DeliveryReport, 'deliveryId'> | 'intermediate' {
  const detail = answer ? `kannel ${status}: ${answer}`.slice(0, 500) : `kannel ${status}`;
  switch (status) {
    case KANNEL_DLR.delivered:
      return { outcome: 'delivered', permanent: false, detail };
    case KANNEL_DLR.failed:
      return { outcome: 'failed', permanent: /\bstat:(UNDELIV|REJECTD)\b/i.test(answer), detail };
    case KANNEL_DLR.smscReject: {
      const nack = /NACK\/(0x[0-9a-f]+|\d+)/i.exec(answer);
      const code = nack ? Number(nack[1]) : NaN;
      return { outcome: 'failed', permanent: INVALID_NUMBER.has(code), detail };
    }
    default:
      return 'intermediate';
  }
}
