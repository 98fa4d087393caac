import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from './schema';

export type ProductCategoriesTable = {
  tenant_id: string;
  category_id: string;
  parent_id: string | null;
  name: string;
  path: string[];
  position: Generated<number>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type ProductsTable = {
  tenant_id: string;
  product_id: string;
  sku: string;
  name: string;
  price_minor: string | number;
  category_id: string | null;
  tags: Generated<string[]>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type PurchasesTable = {
  tenant_id: string;
  purchase_id: string;
  member_id: string;
  store_id: string | null;
  external_id: string | null;
  occurred_at: Timestamp;
  total_minor: string | number;
  /** Taken back by returns (loyalty's returns record it through the members module). */
  returned_minor: Generated<string | number>;
  channel: string;
  source_ref: Generated<unknown>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
};

export type PurchaseLinesTable = {
  tenant_id: string;
  purchase_id: string;
  line_no: number;
  product_id: string | null;
  sku: string | null;
  name: string;
  quantity: string | number;
  unit_price_minor: string | number;
  amount_minor: string | number;
};

export type MemberStatsTable = {
  tenant_id: string;
  member_id: string;
  purchase_count: Generated<number>;
  total_spent_minor: Generated<string>;
  first_purchase_at: Timestamp | null;
  last_purchase_at: Timestamp | null;
};

export type NotesTable = {
  tenant_id: string;
  note_id: string;
  member_id: string;
  author_id: string | null;
  body: string;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type NoteAttachmentsTable = {
  tenant_id: string;
  attachment_id: string;
  note_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  data: Buffer;
  created_at: GeneratedTimestamp;
};

export type TasksTable = {
  tenant_id: string;
  task_id: string;
  member_id: string | null;
  title: string;
  details: Generated<string>;
  assignee_id: string | null;
  due_at: Timestamp | null;
  status: Generated<string>;
  created_by: string | null;
  completed_at: Timestamp | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type AnniversariesTable = {
  tenant_id: string;
  anniversary_id: string;
  member_id: string;
  kind: string;
  label: Generated<string>;
  date: string;
  created_at: GeneratedTimestamp;
};

export type RelationsTable = {
  tenant_id: string;
  relation_id: string;
  member_id: string;
  kind: string;
  related_member_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  note: Generated<string>;
  created_at: GeneratedTimestamp;
};

export type CatalogTables = {
  product_categories: ProductCategoriesTable;
  products: ProductsTable;
  purchases: PurchasesTable;
  purchase_lines: PurchaseLinesTable;
  member_stats: MemberStatsTable;
  notes: NotesTable;
  note_attachments: NoteAttachmentsTable;
  tasks: TasksTable;
  anniversaries: AnniversariesTable;
  relations: RelationsTable;
};
