-- Products and purchases import the same way as members: the import's kind says what its rows
-- become (members by phone/email/card/id, products by SKU, purchases by order number).
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check
  CHECK (kind IN ('members', 'products', 'purchases'));
