-- Member search through the indexes. Under row-level security PostgreSQL uses an index only for
-- leakproof operators; LIKE and array containment (@>) are not, so every search by name, pinyin,
-- initials, part of a number, email or tag read all of the business's members (seconds at a
-- million). This narrow function runs as the owner, keeps to the tenant of the transaction itself,
-- and returns member ids only, newest first, one page (plus one) after the cursor; the app then
-- reads those members through row-level security as before.
--
-- Every argument is optional (NULL: no such condition) and is a value, never SQL: the query is
-- static. It is planned for each call's values (plan_cache_mode), so the planner folds away the
-- absent conditions and chooses, per search, between the matches' indexes followed by a sort and
-- a walk down (tenant_id, created_at DESC, member_id DESC) for filters that match many members.
--   p_card      card number: alone, the card must equal it; with p_phone, one of three ways to match
--   p_phone     E.164 number: the mobile, one of the other numbers, or the card number p_card
--   p_grams     Han bigrams (or one character) the name's n-grams must all contain
--   p_name_like LIKE pattern on the name; p_latin_like on search_latin; p_initials_like on initials
--   p_tags      tags the member must all have; p_store the home store
--   p_after_at, p_after_id  the keyset cursor: strictly older than this (created_at, member_id)
CREATE FUNCTION search_member_ids(
  p_card text, p_phone text, p_grams text[], p_name_like text, p_latin_like text,
  p_initials_like text, p_tags text[], p_store uuid, p_after_at timestamptz, p_after_id uuid,
  p_limit integer)
  RETURNS TABLE (member_id uuid)
  LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50
  SET search_path = public, pg_temp
  SET plan_cache_mode = force_custom_plan
  AS $$
DECLARE
  v_tenant uuid := current_tenant_id();
BEGIN
  IF v_tenant IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT m.member_id FROM members m
     WHERE m.tenant_id = v_tenant AND m.status = 'active'
       AND (p_card IS NULL OR p_phone IS NOT NULL OR m.card_number = p_card)
       AND (p_phone IS NULL OR m.phone = p_phone OR m.other_phones @> ARRAY[p_phone]
            OR m.card_number = p_card)
       AND (p_grams IS NULL OR m.name_grams @> p_grams)
       AND (p_name_like IS NULL OR m.name LIKE p_name_like)
       AND (p_latin_like IS NULL OR m.search_latin LIKE p_latin_like)
       AND (p_initials_like IS NULL OR m.name_initials LIKE p_initials_like)
       AND (p_tags IS NULL OR m.tags @> p_tags)
       AND (p_store IS NULL OR m.home_store_id = p_store)
       AND (p_after_at IS NULL OR (m.created_at, m.member_id) < (p_after_at, p_after_id))
     ORDER BY m.created_at DESC, m.member_id DESC
     LIMIT greatest(1, least(p_limit, 10001));
END
$$;
REVOKE ALL ON FUNCTION search_member_ids(text, text, text[], text, text, text, text[], uuid,
  timestamptz, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_member_ids(text, text, text[], text, text, text, text[], uuid,
  timestamptz, uuid, integer) TO regulars_app;
