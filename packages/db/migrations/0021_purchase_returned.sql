-- What was taken back of each purchase, in minor units: spending figures (tier qualification,
-- customer value) count a purchase net of its returns.
ALTER TABLE purchases
  ADD COLUMN returned_minor bigint NOT NULL DEFAULT 0 CHECK (returned_minor >= 0);
