/**
 * Channels: how a rendered message leaves the building. The outbox hands each driver a batch of
 * messages and records every result; a channel with no driver registered is in development mode
 * (messages stay visible in the admin's outbox, nothing leaves).
 */
export type ChannelKind = 'email' | 'sms' | 'webhook';

export type OutboundMessage = {
  deliveryId: string;
  tenantId: string;
  memberId: string | null;
  channel: ChannelKind;
  /** Email address, E.164 phone number, or the member id for webhooks. */
  to: string;
  subject?: string;
  text: string;
  html?: string;
  category: 'transactional' | 'marketing';
  headers?: Record<string, string>;
  /** The envelope sender (email): the per-message bounce address, else the installation's. */
  returnPath?: string;
  /** The business's sender name and reply-to (email). */
  fromName?: string;
  replyTo?: string;
  /** The business's endpoint and signing secret (webhook channel). */
  webhook?: { url: string; secret: string };
};

export type SendResult =
  | { status: 'sent'; providerId?: string }
  | {
      status: 'failed';
      error: string;
      permanent: boolean;
      /** The address does not exist (a hard bounce): it is blocked for every later message. */
      bounce?: boolean;
      /**
       * The address itself is invalid (no or a malformed number): it is blocked for every later
       * message. A permanent failure without it (or `bounce`) fails this message only.
       */
      invalidAddress?: boolean;
    };

/**
 * A channel's sender. `send` returns one result per message, in order; a driver may also report
 * each result as soon as it has it through `onResult`, so the outbox records it at once (a worker
 * killed mid-batch then resends only what was not acknowledged).
 */
export type ChannelDriver = {
  kind: ChannelKind;
  send(
    messages: OutboundMessage[],
    onResult?: (index: number, result: SendResult) => Promise<void>,
  ): Promise<SendResult[]>;
  close?(): Promise<void>;
};

const drivers = new Map<ChannelKind, ChannelDriver>();

/** Installs (or, with null, removes) the driver of a channel for the whole installation. */
export function registerChannelDriver(driver: ChannelDriver | null, kind: ChannelKind): void {
  if (driver && driver.kind !== kind)
    throw new Error(`driver of ${driver.kind} registered as ${kind}`);
  if (driver) drivers.set(kind, driver);
  else drivers.delete(kind);
}

/** The driver of a channel, or null: development mode for that channel. */
export function channelDriver(kind: ChannelKind): ChannelDriver | null {
  return drivers.get(kind) ?? null;
}

/** Channels that really send (the others are in development mode). */
export function liveChannels(): ChannelKind[] {
  return [...drivers.keys()];
}
