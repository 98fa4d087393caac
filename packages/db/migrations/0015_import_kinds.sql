-- Products and purchases import the same way as members: the import's kind says what its rows
-- become (members by phone/email/card/id, products by SKU, purchases by order number).
ALTER TABLE imports DROP CONSTRAINT imports_kind_check;
ALTER TABLE imports ADD CONSTRAINT imports_kind_check
  CHECK (kind IN ('members', 'products', 'purchases'));

-- The job reads an uploaded file a few megabytes at a time (substring): stored uncompressed, each
-- piece is read alone instead of the whole value being decompressed for every piece.
ALTER TABLE import_files ALTER COLUMN bytes SET STORAGE EXTERNAL;
