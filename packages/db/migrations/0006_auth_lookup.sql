-- Authentication in one round trip: the session or API key with everything a request needs to
-- know about its caller, by exact key, before the tenant is known.

CREATE FUNCTION auth_session_caller(p_token_hash bytea)
  RETURNS TABLE (tenant_id uuid, session_id uuid, staff_id uuid, staff_name text,
                 language text, active boolean, store_ids uuid[], store_id uuid,
                 csrf_token text, expires_at timestamptz, revoked_at timestamptz,
                 system_key text, permissions text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT se.tenant_id, se.session_id, s.staff_id, s.name, s.language, s.active, s.store_ids,
           se.store_id, se.csrf_token, se.expires_at, se.revoked_at, r.system_key, r.permissions
      FROM sessions se
      JOIN staff s ON s.tenant_id = se.tenant_id AND s.staff_id = se.staff_id
      JOIN roles r ON r.tenant_id = s.tenant_id AND r.role_id = s.role_id
     WHERE se.token_hash = p_token_hash
  $$;

CREATE FUNCTION auth_api_key_caller(p_prefix text)
  RETURNS TABLE (tenant_id uuid, api_key_id uuid, secret_hash text, name text, store_id uuid,
                 permissions text[], last_used_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT tenant_id, api_key_id, secret_hash, name, store_id, permissions, last_used_at, revoked_at
      FROM api_keys WHERE prefix = p_prefix
  $$;

REVOKE ALL ON FUNCTION auth_session_caller(bytea), auth_api_key_caller(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_session_caller(bytea), auth_api_key_caller(text) TO regulars_app;
