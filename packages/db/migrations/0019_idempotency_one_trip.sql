-- Idempotency-Key in one round trip each way. Reserving a key was a transaction of five round
-- trips (BEGIN, bind the tenant, read the key for update, insert it, COMMIT) and recording the
-- answer another four: at the till that was 9 of a purchase's 35 statements. These functions do
-- the same work as one statement each: called alone, the statement is its own transaction, so
-- the tenant they bind ends with it; inside a transaction bound to another business they refuse.
-- They run as the caller (row-level security applies as everywhere).

-- Reserves (p_actor, p_key) for a request, or says why not. One row:
--   'new'          the key is now reserved (response_status 0) for this request: run it
--   'replay'       answered before: response_status and response_body are that answer
--   'conflict'     the key was used for another route or body
--   'in_progress'  the first request with this key is still running
-- A key older than p_keep_ms, or a reservation never answered for p_abandoned_ms (its process
-- died), is taken over by this request.
CREATE FUNCTION idempotency_reserve(p_tenant uuid, p_actor uuid, p_key text, p_route text,
                                    p_hash text, p_now timestamptz, p_keep_ms bigint,
                                    p_abandoned_ms bigint)
  RETURNS TABLE (outcome text, response_status integer, response_body jsonb)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  AS $$
DECLARE
  v_set text := nullif(current_setting('app.tenant_id', true), '');
  v_row public.idempotency_keys;
  v_age_ms double precision;
BEGIN
  IF v_set IS NOT NULL AND v_set <> p_tenant::text THEN
    RAISE EXCEPTION 'idempotency_reserve: the transaction is bound to another business';
  END IF;
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  -- The reservation need not wait for the disk: whatever the request then writes commits
  -- durably, and WAL is flushed in order, so a reservation can only be lost together with
  -- everything its request did (a retry then runs afresh, as it should). The answer, recorded by
  -- idempotency_finish, commits durably before it is sent. Only when the call is its own
  -- transaction, which no business was bound to before it (the application binds each of its
  -- transactions first): never for a caller's larger transaction.
  IF v_set IS NULL THEN
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;
  -- The usual case, a new key. A concurrent first request with the same key makes this wait
  -- until that one's reservation commits, then do nothing.
  INSERT INTO public.idempotency_keys AS k
         (tenant_id, key, actor_id, route, request_hash, response_status, created_at)
  VALUES (p_tenant, p_key, p_actor, p_route, p_hash, 0, p_now)
  ON CONFLICT DO NOTHING;
  IF FOUND THEN
    RETURN QUERY SELECT 'new'::text, NULL::integer, NULL::jsonb;
    RETURN;
  END IF;
  SELECT * INTO v_row FROM public.idempotency_keys k
   WHERE k.tenant_id = p_tenant AND k.actor_id = p_actor AND k.key = p_key
   FOR UPDATE;
  IF NOT FOUND THEN
    -- Forgotten meanwhile (its request failed on our side): the caller may try again.
    RETURN QUERY SELECT 'in_progress'::text, NULL::integer, NULL::jsonb;
    RETURN;
  END IF;
  v_age_ms := extract(epoch FROM p_now - v_row.created_at) * 1000;
  IF v_age_ms > p_keep_ms OR (v_row.response_status = 0 AND v_age_ms > p_abandoned_ms) THEN
    UPDATE public.idempotency_keys k
       SET route = p_route, request_hash = p_hash, response_status = 0, response_body = NULL,
           created_at = p_now
     WHERE k.tenant_id = p_tenant AND k.actor_id = p_actor AND k.key = p_key;
    RETURN QUERY SELECT 'new'::text, NULL::integer, NULL::jsonb;
    RETURN;
  END IF;
  IF v_row.request_hash <> p_hash OR v_row.route <> p_route THEN
    RETURN QUERY SELECT 'conflict'::text, NULL::integer, NULL::jsonb;
  ELSIF v_row.response_status = 0 THEN
    RETURN QUERY SELECT 'in_progress'::text, NULL::integer, NULL::jsonb;
  ELSE
    RETURN QUERY SELECT 'replay'::text, v_row.response_status, v_row.response_body;
  END IF;
END $$;

-- Records the answer to a reserved key; a server failure (p_status >= 500) is not an answer to
-- keep, so the key is forgotten and a retry runs again.
CREATE FUNCTION idempotency_finish(p_tenant uuid, p_actor uuid, p_key text, p_status integer,
                                   p_body jsonb)
  RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  AS $$
DECLARE
  v_set text := nullif(current_setting('app.tenant_id', true), '');
BEGIN
  IF v_set IS NOT NULL AND v_set <> p_tenant::text THEN
    RAISE EXCEPTION 'idempotency_finish: the transaction is bound to another business';
  END IF;
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  IF p_status >= 500 THEN
    DELETE FROM public.idempotency_keys k
     WHERE k.tenant_id = p_tenant AND k.actor_id = p_actor AND k.key = p_key;
  ELSE
    UPDATE public.idempotency_keys k SET response_status = p_status, response_body = p_body
     WHERE k.tenant_id = p_tenant AND k.actor_id = p_actor AND k.key = p_key;
  END IF;
END $$;
