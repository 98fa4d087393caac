import type { GeneratedTimestamp } from './schema';

export type CallsTable = {
  tenant_id: string;
  call_id: string;
  caller_number: string;
  caller_e164: string | null;
  extension: string;
  member_id: string | null;
  received_at: GeneratedTimestamp;
  reported_by: string | null;
};

export type CallsTables = { calls: CallsTable };
