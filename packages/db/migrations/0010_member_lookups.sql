-- Caller ID in one round trip. Measured at a million members on a loaded 2-core machine, a lookup
-- was five round trips (BEGIN, set the tenant, read the business's phone country, the card query,
-- COMMIT), each of which could wait several milliseconds for a core, plus ~0.8 ms of planning the
-- card query afresh each time: p50 2.9 ms, p99 14 ms. caller_card() is the whole lookup as one
-- statement: it binds the transaction to the tenant itself (when called alone, the statement is
-- its own transaction, so the setting ends with it), runs as the caller (row-level security
-- applies as everywhere), and keeps its plans per connection as PL/pgSQL does.
--
--   p_tenant   the business; NULL: the tenant already set on the transaction. Asking for another
--              business than the one the transaction is bound to is an error, never a switch.
--   p_country  the phone country the caller normalised p_phone with; when it is not the business's
--              (changed meanwhile), nothing is looked up and the row says which country to use
--   p_phone    E.164 number (mobile first, then other numbers); or p_member, a known member
--   p_now      the clock, for "today" in the business's time zone
-- One row: phone_country, today, and the card (member_id NULL: no such active member).
CREATE FUNCTION caller_card(p_tenant uuid, p_country text, p_phone text, p_member uuid,
                            p_now timestamptz)
  RETURNS TABLE (phone_country text, today text, member_id uuid, card_number text, name text,
                 gender text, tags text[], rank integer, matches integer, purchase_count integer,
                 total_spent_minor bigint, first_purchase_at timestamptz,
                 last_purchase_at timestamptz, last_purchase json, open_tasks json,
                 last_notes json, dates json)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  AS $$
DECLARE
  v_set text := nullif(current_setting('app.tenant_id', true), '');
  v_country text;
  v_today text;
  v_member uuid := p_member;
  v_rank integer := 0;
  v_matches integer := 1;
BEGIN
  IF p_tenant IS NOT NULL THEN
    IF v_set IS NOT NULL AND v_set <> p_tenant::text THEN
      RAISE EXCEPTION 'caller_card: the transaction is bound to another business';
    END IF;
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
  END IF;
  SELECT t.phone_country, to_char(p_now AT TIME ZONE t.time_zone, 'YYYY-MM-DD')
    INTO v_country, v_today FROM public.tenants t;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF v_member IS NULL THEN
    IF p_phone IS NULL OR p_country IS DISTINCT FROM v_country THEN
      RETURN QUERY SELECT v_country, v_today, NULL::uuid, NULL, NULL, NULL, NULL::text[],
        NULL::integer, NULL::integer, NULL::integer, NULL::bigint, NULL::timestamptz,
        NULL::timestamptz, NULL::json, NULL::json, NULL::json, NULL::json;
      RETURN;
    END IF;
    SELECT h.member_id, h.rank, count(*) OVER ()::integer INTO v_member, v_rank, v_matches
      FROM (SELECT DISTINCT ON (x.member_id) x.member_id, x.rank
              FROM public.member_ids_by_phone(p_phone) x ORDER BY x.member_id, x.rank) h
     ORDER BY h.rank, h.member_id LIMIT 1;
  END IF;
  RETURN QUERY
    SELECT v_country, v_today, m.member_id, m.card_number, m.name, m.gender, m.tags, v_rank,
           v_matches, s.purchase_count, s.total_spent_minor, s.first_purchase_at,
           s.last_purchase_at, lp.last_purchase, tk.open_tasks, nt.last_notes, dt.dates
      FROM (SELECT 1) one
      LEFT JOIN public.members m ON m.member_id = v_member AND m.status = 'active'
      LEFT JOIN public.member_stats s ON s.member_id = m.member_id
      LEFT JOIN LATERAL (
        SELECT json_build_object('purchaseId', p.purchase_id, 'occurredAt', p.occurred_at,
                 'totalMinor', p.total_minor, 'storeId', p.store_id, 'storeName', st.name)
          FROM public.purchases p LEFT JOIN public.stores st ON st.store_id = p.store_id
         WHERE p.member_id = m.member_id ORDER BY p.occurred_at DESC LIMIT 1
      ) lp (last_purchase) ON true
      LEFT JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('taskId', x.task_id, 'title', x.title,
                 'dueAt', x.due_at, 'assigneeName', x.assignee_name) ORDER BY x.n), '[]')
          FROM (SELECT k.task_id, k.title, k.due_at, a.name AS assignee_name,
                       row_number() OVER (ORDER BY k.due_at NULLS LAST, k.created_at) AS n
                  FROM public.tasks k LEFT JOIN public.staff a ON a.staff_id = k.assignee_id
                 WHERE k.member_id = m.member_id AND k.status = 'open'
                 ORDER BY k.due_at NULLS LAST, k.created_at LIMIT 5) x
      ) tk (open_tasks) ON true
      LEFT JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('noteId', x.note_id, 'body', x.body,
                 'authorName', x.author_name, 'createdAt', x.created_at)
                 ORDER BY x.created_at DESC), '[]')
          FROM (SELECT n.note_id, n.body, a.name AS author_name, n.created_at
                  FROM public.notes n LEFT JOIN public.staff a ON a.staff_id = n.author_id
                 WHERE n.member_id = m.member_id ORDER BY n.created_at DESC LIMIT 3) x
      ) nt (last_notes) ON true
      LEFT JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('kind', x.kind, 'label', x.label,
                 'date', x.date)), '[]')
          FROM (SELECT 'birthday' AS kind, '' AS label, m.birthday AS date
                 WHERE m.birthday IS NOT NULL
                UNION ALL
                SELECT a.kind, a.label, a.date FROM public.anniversaries a
                 WHERE a.member_id = m.member_id) x
      ) dt (dates) ON true;
END
$$;
REVOKE ALL ON FUNCTION caller_card(uuid, text, text, uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caller_card(uuid, text, text, uuid, timestamptz) TO regulars_app;

-- Member search: broad searches walk the newest members first. At a million members the slowest
-- searches were those where broad conditions meet or a broad one continues on page 2 (a common
-- tag and a surname: the planner ANDs two bitmaps of ~9,000 and ~100,000 rows and sorts them,
-- 160 ms; page 2 of a surname: 270 ms; a single less common surname: 120 ms). For such searches
-- (one Han character, initials, tags, a home store, a cursor; no number, card, pinyin or text)
-- walking (tenant_id, created_at DESC, member_id DESC) from the cursor fills a page after a few
-- hundred or thousand members, in the page's own order, reading neighbouring heap pages (10,000
-- members: ~600 pages), where an index's candidates lie scattered (a less common surname: 11,000
-- candidates on 10,000 pages, 250 ms when they are not in memory). The walk reads 10,000 members,
-- then walks on only as far as the matches it has seen promise a full page, up to MAX_WALK in all;
-- otherwise the search goes through the indexes as before. Either way the page is the first
-- p_limit matches in keyset order, so paging is unchanged.
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
  v_budget integer := 10000;
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
  IF p_card IS NULL AND p_phone IS NULL AND p_latin_like IS NULL
     AND (p_grams IS NULL OR (cardinality(p_grams) = 1 AND char_length(p_grams[1]) = 1))
     AND (p_grams IS NOT NULL OR p_initials_like IS NOT NULL OR p_tags IS NOT NULL
          OR p_store IS NOT NULL OR p_after_at IS NOT NULL) THEN
    v_at := p_after_at;
    v_id := p_after_id;
    LOOP
      SELECT array_agg(w.member_id) INTO v_more FROM (
        SELECT x.member_id FROM (
          SELECT m.member_id, m.created_at, m.status, m.name_grams, m.name, m.name_initials,
                 m.tags, m.home_store_id
            FROM members m
           WHERE m.tenant_id = v_tenant
             AND (v_at IS NULL OR (m.created_at, m.member_id) < (v_at, v_id))
           ORDER BY m.created_at DESC, m.member_id DESC
           LIMIT v_budget) x
         WHERE x.status = 'active'
           AND (p_grams IS NULL OR x.name_grams @> p_grams)
           AND (p_name_like IS NULL OR x.name LIKE p_name_like)
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
