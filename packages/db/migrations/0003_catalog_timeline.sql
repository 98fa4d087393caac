-- The product catalog, purchases, and the member timeline: notes with attachments, tasks,
-- anniversaries and relations.

CREATE TABLE product_categories (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  category_id  uuid NOT NULL,
  parent_id    uuid,
  name         text NOT NULL,
  -- Ancestors and itself, root first: "bought anything in Sauces" includes its sub-categories.
  path         uuid[] NOT NULL,
  position     integer NOT NULL DEFAULT 0,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, category_id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES product_categories (tenant_id, category_id)
);
CREATE UNIQUE INDEX product_categories_name ON product_categories (tenant_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
CREATE INDEX product_categories_path ON product_categories USING gin (path);
CALL make_tenant_table('product_categories');

CREATE TABLE products (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  product_id   uuid NOT NULL,
  sku          text NOT NULL,
  name         text NOT NULL,
  price_minor  bigint NOT NULL CHECK (price_minor >= 0),
  category_id  uuid,
  tags         text[] NOT NULL DEFAULT '{}',
  active       boolean NOT NULL DEFAULT true,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, product_id),
  UNIQUE (tenant_id, sku),
  FOREIGN KEY (tenant_id, category_id) REFERENCES product_categories (tenant_id, category_id)
);
CREATE INDEX products_category ON products (tenant_id, category_id);
CREATE INDEX products_name ON products USING gin (name gin_trgm_ops);
CALL make_tenant_table('products');

CREATE TABLE purchases (
  tenant_id     uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  purchase_id   uuid NOT NULL,
  member_id     uuid NOT NULL,
  store_id      uuid,
  -- The POS's or shop's own id: the same external id is the same purchase, however often sent.
  external_id   text,
  occurred_at   timestamptz NOT NULL,
  total_minor   bigint NOT NULL CHECK (total_minor >= 0),
  channel       text NOT NULL CHECK (channel IN ('pos', 'online', 'manual', 'import', 'api')),
  source_ref    jsonb NOT NULL DEFAULT '{}',
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, purchase_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id)
);
CREATE UNIQUE INDEX purchases_external_id ON purchases (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX purchases_member ON purchases (tenant_id, member_id, occurred_at DESC);
CREATE INDEX purchases_occurred ON purchases (tenant_id, occurred_at);
CALL make_tenant_table('purchases');

CREATE TABLE purchase_lines (
  tenant_id         uuid NOT NULL,
  purchase_id       uuid NOT NULL,
  line_no           integer NOT NULL,
  product_id        uuid,
  sku               text,
  name              text NOT NULL,
  quantity          numeric(12, 3) NOT NULL CHECK (quantity > 0),
  unit_price_minor  bigint NOT NULL CHECK (unit_price_minor >= 0),
  amount_minor      bigint NOT NULL CHECK (amount_minor >= 0),
  PRIMARY KEY (tenant_id, purchase_id, line_no),
  FOREIGN KEY (tenant_id, purchase_id) REFERENCES purchases (tenant_id, purchase_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, product_id)
);
CREATE INDEX purchase_lines_product ON purchase_lines (tenant_id, product_id);
CALL make_tenant_table('purchase_lines');

-- The financial view of a member, kept current in the purchase's own transaction.
CREATE TABLE member_stats (
  tenant_id          uuid NOT NULL,
  member_id          uuid NOT NULL,
  purchase_count     integer NOT NULL DEFAULT 0,
  total_spent_minor  bigint NOT NULL DEFAULT 0,
  first_purchase_at  timestamptz,
  last_purchase_at   timestamptz,
  PRIMARY KEY (tenant_id, member_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX member_stats_last ON member_stats (tenant_id, last_purchase_at);
CALL make_tenant_table('member_stats');

CREATE TABLE notes (
  tenant_id   uuid NOT NULL,
  note_id     uuid NOT NULL,
  member_id   uuid NOT NULL,
  author_id   uuid,
  body        text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, note_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX notes_member ON notes (tenant_id, member_id, created_at DESC);
CALL make_tenant_table('notes');

CREATE TABLE note_attachments (
  tenant_id      uuid NOT NULL,
  attachment_id  uuid NOT NULL,
  note_id        uuid NOT NULL,
  filename       text NOT NULL,
  content_type   text NOT NULL,
  size_bytes     integer NOT NULL,
  data           bytea NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, attachment_id),
  FOREIGN KEY (tenant_id, note_id) REFERENCES notes (tenant_id, note_id) ON DELETE CASCADE
);
CREATE INDEX note_attachments_note ON note_attachments (tenant_id, note_id);
CALL make_tenant_table('note_attachments');

CREATE TABLE tasks (
  tenant_id     uuid NOT NULL,
  task_id       uuid NOT NULL,
  member_id     uuid,
  title         text NOT NULL,
  details       text NOT NULL DEFAULT '',
  assignee_id   uuid,
  due_at        timestamptz,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_by    uuid,
  completed_at  timestamptz,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, task_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES staff (tenant_id, staff_id)
);
CREATE INDEX tasks_assignee ON tasks (tenant_id, assignee_id, status, due_at);
CREATE INDEX tasks_member ON tasks (tenant_id, member_id, created_at DESC);
CALL make_tenant_table('tasks');

CREATE TABLE anniversaries (
  tenant_id       uuid NOT NULL,
  anniversary_id  uuid NOT NULL,
  member_id       uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('wedding', 'first_visit', 'membership', 'child_birthday', 'partner_birthday', 'other')),
  label           text NOT NULL DEFAULT '',
  date            date NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, anniversary_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX anniversaries_member ON anniversaries (tenant_id, member_id);
CREATE INDEX anniversaries_day ON anniversaries (tenant_id, (extract(month FROM date)), (extract(day FROM date)));
CALL make_tenant_table('anniversaries');

-- Relatives and friends (親友): another member, or a person who is not a member.
CREATE TABLE relations (
  tenant_id          uuid NOT NULL,
  relation_id        uuid NOT NULL,
  member_id          uuid NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('spouse', 'parent', 'child', 'sibling', 'friend', 'colleague', 'introduced_by', 'other')),
  related_member_id  uuid,
  contact_name       text,
  contact_phone      text,
  note               text NOT NULL DEFAULT '',
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, relation_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, related_member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE,
  CHECK ((related_member_id IS NULL) <> (contact_name IS NULL)),
  CHECK (related_member_id IS NULL OR related_member_id <> member_id)
);
CREATE UNIQUE INDEX relations_pair ON relations (tenant_id, member_id, kind, related_member_id) WHERE related_member_id IS NOT NULL;
CREATE INDEX relations_related ON relations (tenant_id, related_member_id);
CALL make_tenant_table('relations');
