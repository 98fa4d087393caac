-- Caller ID and duplicate merge: the log of incoming calls reported by a phone system, and the
-- rules that keep a merge from losing anything written while it runs.

CREATE TABLE calls (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  call_id        uuid NOT NULL,
  -- E.164 when the number could be read; the digits as received otherwise (withheld, short codes).
  caller_number  text NOT NULL,
  caller_e164    text,
  extension      text NOT NULL,
  member_id      uuid,
  received_at    timestamptz NOT NULL DEFAULT now(),
  reported_by    uuid,
  PRIMARY KEY (tenant_id, call_id),
  -- Erasing a member erases their calls with them.
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX calls_received ON calls (tenant_id, received_at DESC);
CREATE INDEX calls_extension ON calls (tenant_id, extension, received_at DESC);
CREATE INDEX calls_member ON calls (tenant_id, member_id) WHERE member_id IS NOT NULL;
CALL make_tenant_table('calls');

-- Merge candidates by e-mail and by name + birthday are found set-based; these keep it quick.
CREATE INDEX members_name_birthday ON members (tenant_id, lower(name), birthday)
  WHERE birthday IS NOT NULL AND status = 'active';
CREATE INDEX members_merged_into ON members (tenant_id, merged_into) WHERE merged_into IS NOT NULL;

-- A write about a member that was merged away lands on the member it was merged into. The lock
-- (FOR KEY SHARE) waits for a merge in progress and then reads the row as the merge left it, so a
-- note, task or purchase sent while the merge runs is carried over instead of being stranded on the
-- retired record. Arguments: the member-id columns of the row.
CREATE FUNCTION follow_merged_member() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  col text;
  id uuid;
  m record;
BEGIN
  FOREACH col IN ARRAY TG_ARGV LOOP
    id := (to_jsonb(NEW) ->> col)::uuid;
    CONTINUE WHEN id IS NULL;
    SELECT status, merged_into INTO m FROM members
     WHERE tenant_id = NEW.tenant_id AND member_id = id FOR KEY SHARE;
    IF FOUND AND m.status = 'merged' AND m.merged_into IS NOT NULL THEN
      NEW := jsonb_populate_record(NEW, jsonb_build_object(col, m.merged_into));
    END IF;
  END LOOP;
  RETURN NEW;
END $$;

CREATE TRIGGER notes_follow_merge BEFORE INSERT OR UPDATE OF member_id ON notes
  FOR EACH ROW EXECUTE FUNCTION follow_merged_member('member_id');
CREATE TRIGGER tasks_follow_merge BEFORE INSERT OR UPDATE OF member_id ON tasks
  FOR EACH ROW EXECUTE FUNCTION follow_merged_member('member_id');
CREATE TRIGGER purchases_follow_merge BEFORE INSERT OR UPDATE OF member_id ON purchases
  FOR EACH ROW EXECUTE FUNCTION follow_merged_member('member_id');
CREATE TRIGGER member_stats_follow_merge BEFORE INSERT ON member_stats
  FOR EACH ROW EXECUTE FUNCTION follow_merged_member('member_id');
CREATE TRIGGER anniversaries_follow_merge BEFORE INSERT OR UPDATE OF member_id ON anniversaries
  FOR EACH ROW EXECUTE FUNCTION follow_merged_member('member_id');
CREATE TRIGGER relations_follow_merge BEFORE INSERT OR UPDATE OF member_id, related_member_id ON relations
  FOR EACH ROW EXECUTE FUNCTION follow_merged_member('member_id', 'related_member_id');
CREATE TRIGGER member_consent_history_follow_merge BEFORE INSERT ON member_consent_history
  FOR EACH ROW EXECUTE FUNCTION follow_merged_member('member_id');
CREATE TRIGGER calls_follow_merge BEFORE INSERT OR UPDATE OF member_id ON calls
  FOR EACH ROW EXECUTE FUNCTION follow_merged_member('member_id');

-- A consent decision recorded on a merged record while the merge ran is the member's newest word:
-- it is carried to the member it was merged into.
CREATE FUNCTION carry_consent_to_survivor() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE members s
     SET consents = s.consents || (
           SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
             FROM jsonb_each(NEW.consents) e
            WHERE OLD.consents -> e.key IS DISTINCT FROM e.value),
         version = s.version + 1,
         updated_at = now()
   WHERE s.tenant_id = OLD.tenant_id AND s.member_id = OLD.merged_into;
  RETURN NEW;
END $$;

CREATE TRIGGER members_merged_consent BEFORE UPDATE OF consents ON members
  FOR EACH ROW WHEN (OLD.status = 'merged' AND NEW.consents IS DISTINCT FROM OLD.consents)
  EXECUTE FUNCTION carry_consent_to_survivor();
