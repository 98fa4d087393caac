import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';

type Loaded<T> = { key: string; data: T | null; error: ApiError | null };

/** GETs `path` (again when `reload` is called); `null` waits. */
export function useApiGet<T>(path: string | null) {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Loaded<T>>({ key: '', data: null, error: null });
  const key = `${path}#${tick}`;
  useEffect(() => {
    if (!path) return;
    let live = true;
    api.get<T>(path).then(
      (data) => live && setState({ key, data, error: null }),
      (e: unknown) => live && setState((s) => ({ key, data: s.data, error: toApiError(e) })),
    );
    return () => {
      live = false;
    };
  }, [path, key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== key, reload };
}

export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError
    ? e
    : new ApiError(0, 'client', e instanceof Error ? e.message : String(e));
}
