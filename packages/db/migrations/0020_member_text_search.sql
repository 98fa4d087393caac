-- Member search by text (pinyin, initials of three letters or more, part of a number or an email):
-- at a million members, with the cache warm, most such searches took 8-30 ms, but some took 0.3-2 s
-- every time. EXPLAIN (ANALYZE, BUFFERS) showed why: the planner guesses that any `LIKE '%…%'`
-- matches 1 % of the members (10,000), so for "newest first, 51 rows" it walks members_created and
-- filters, expecting a page within ~5,000 members. For a rare text (a full pinyin name such as
-- `zhongyiyu`: 33 members) that walk reads the whole business (1,000,000 rows, 66,000 buffers,
-- 2.1 s); for a 4-digit fragment that starts with 0 (`0052`: ~11,000 members, but few among the
-- newest) 200,000 rows and 460 ms. Gathering the trigram index's matches first and ordering them
-- after takes 20 ms and 42 ms for those two; but for a common text (`chen`: 175,000 members) it
-- would read 47,000 pages (620 ms), where the walk fills a page within a few hundred members.
-- So text now takes the path broad searches already take (migration 0010): walk the newest members
-- (2,000 at first, not 10,000: walking 10,000 doubled the median of uncommon texts such as initials)
-- while the matches seen promise a full page within the bound, and otherwise gather the index's
-- matches before ordering them. Texts of more than four characters, which a walk seldom serves (the
-- walk doubled the median of email fragments), go to the index's matches at once.
CREATE OR REPLACE FUNCTION search_member_ids(
  p_card text, p_phone text, p_grams text[], p_name_like text, p_latin_like text,
  p_initials_like text, p_tags text[], p_store uuid, p_after_at timestamptz, p_after_id uuid,
  p_limit integer)
  RETURNS TABLE (member_id uuid)
  LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50
  SET search_path = public, pg_temp
  SET plan_cache_mode = force_custom_plan
  AS $$
DECLARE
  MAX_WALK constant integer := 50000;
  v_tenant uuid := current_tenant_id();
  v_limit integer := greatest(1, least(p_limit, 10001));
  v_ids uuid[] := '{}';
  v_more uuid[];
  -- A short text walks 2,000 members first: a common one (`chen`, `0912`) fills a page within a
  -- few hundred, and an uncommon one (`wxm`, `5678`: 1 in 2,500) should reach its index quickly.
  -- A longer text (a full pinyin name, an email) is rarer: it goes to its index at once.
  v_budget integer := CASE WHEN p_latin_like IS NULL THEN 10000 ELSE 2000 END;
  v_walked integer := 0;
  v_at timestamptz;
  v_id uuid;
  -- With a name, number or text to match, a tag only filters what their indexes found: ANDing
  -- the bitmap of a common tag (VIP: 300,000 members) cost more than it saved. (The expression
  -- `tags || '{}'` is the same test that no index serves; plans are custom, so the CASE folds.)
  v_narrower boolean := p_grams IS NOT NULL OR p_latin_like IS NOT NULL
                        OR p_initials_like IS NOT NULL OR p_phone IS NOT NULL OR p_card IS NOT NULL;
BEGIN
  IF v_tenant IS NULL THEN
    RETURN;
  END IF;
  IF p_card IS NULL AND p_phone IS NULL
     AND (p_grams IS NULL OR (cardinality(p_grams) = 1 AND char_length(p_grams[1]) = 1))
     AND (p_latin_like IS NULL OR char_length(p_latin_like) <= 6)
     AND (p_grams IS NOT NULL OR p_latin_like IS NOT NULL OR p_initials_like IS NOT NULL
          OR p_tags IS NOT NULL OR p_store IS NOT NULL OR p_after_at IS NOT NULL) THEN
    v_at := p_after_at;
    v_id := p_after_id;
    LOOP
      SELECT array_agg(w.member_id) INTO v_more FROM (
        SELECT x.member_id FROM (
          SELECT m.member_id, m.created_at, m.status, m.name_grams, m.name, m.name_initials,
                 m.search_latin, m.tags, m.home_store_id
            FROM members m
           WHERE m.tenant_id = v_tenant
             AND (v_at IS NULL OR (m.created_at, m.member_id) < (v_at, v_id))
           ORDER BY m.created_at DESC, m.member_id DESC
           LIMIT v_budget) x
         WHERE x.status = 'active'
           AND (p_grams IS NULL OR x.name_grams @> p_grams)
           AND (p_name_like IS NULL OR x.name LIKE p_name_like)
           AND (p_latin_like IS NULL OR x.search_latin LIKE p_latin_like)
           AND (p_initials_like IS NULL OR x.name_initials LIKE p_initials_like)
           AND (p_tags IS NULL OR x.tags @> p_tags)
           AND (p_store IS NULL OR x.home_store_id = p_store)
         ORDER BY x.created_at DESC, x.member_id DESC
         LIMIT v_limit - cardinality(v_ids)) w;
      v_ids := v_ids || coalesce(v_more, '{}');
      IF cardinality(v_ids) >= v_limit THEN
        RETURN QUERY SELECT unnest(v_ids);
        RETURN;
      END IF;
      -- Where this walk ended; none: it reached the business's oldest member, the page is whole.
      SELECT m.created_at, m.member_id INTO v_at, v_id FROM members m
       WHERE m.tenant_id = v_tenant
         AND (v_at IS NULL OR (m.created_at, m.member_id) < (v_at, v_id))
       ORDER BY m.created_at DESC, m.member_id DESC
       OFFSET v_budget - 1 LIMIT 1;
      IF NOT FOUND THEN
        RETURN QUERY SELECT unnest(v_ids);
        RETURN;
      END IF;
      v_walked := v_walked + v_budget;
      -- Walk on only while the matches seen so far promise a full page within the bound.
      EXIT WHEN cardinality(v_ids) = 0;
      v_budget := ceil((v_limit - cardinality(v_ids)) * v_walked::numeric / cardinality(v_ids)
                       * 1.2)::integer;
      EXIT WHEN v_walked + v_budget > MAX_WALK;
    END LOOP;
  END IF;
  IF p_latin_like IS NOT NULL AND p_card IS NULL AND p_phone IS NULL THEN
    -- Text found by the trigram index, gathered before it is ordered: left to itself, the planner
    -- (which guesses 1 % for any such pattern) walks members_created and filters, reading the
    -- whole business when the text is rare.
    RETURN QUERY
      WITH found AS MATERIALIZED (
        SELECT m.member_id, m.created_at FROM members m
         WHERE m.tenant_id = v_tenant AND m.status = 'active'
           AND m.search_latin LIKE p_latin_like
           AND (p_grams IS NULL OR m.name_grams @> p_grams)
           AND (p_name_like IS NULL OR m.name LIKE p_name_like)
           AND (p_initials_like IS NULL OR m.name_initials LIKE p_initials_like)
           AND (p_tags IS NULL OR (m.tags || '{}'::text[]) @> p_tags)
           AND (p_store IS NULL OR m.home_store_id = p_store)
           AND (p_after_at IS NULL OR (m.created_at, m.member_id) < (p_after_at, p_after_id)))
      SELECT f.member_id FROM found f ORDER BY f.created_at DESC, f.member_id DESC LIMIT v_limit;
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
       AND (p_tags IS NULL OR CASE WHEN v_narrower THEN (m.tags || '{}'::text[]) @> p_tags
                                   ELSE m.tags @> p_tags END)
       AND (p_store IS NULL OR m.home_store_id = p_store)
       AND (p_after_at IS NULL OR (m.created_at, m.member_id) < (p_after_at, p_after_id))
     ORDER BY m.created_at DESC, m.member_id DESC
     LIMIT v_limit;
END
$$;
