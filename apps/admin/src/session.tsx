import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Permission, Session } from '@regulars/contracts';
import { api, ApiError, configureApi, onSignedOut } from './api';
import { browserLanguage, currentLanguage, i18next, rememberedLanguage } from './i18n';

export type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'setup' }
  | { kind: 'signed-out'; prefill?: SignInPrefill; expired?: boolean }
  | { kind: 'signed-in'; session: Session };

export type SignInPrefill = { businessCode: string; email?: string; password?: string };

type SessionApi = {
  phase: Phase;
  /** Starts a session from a sign-in or first-run response. */
  begin(session: Session): void;
  /** Shows the sign-in page, optionally filled in (after loading the demo). */
  toSignIn(prefill?: SignInPrefill): void;
  signOut(): Promise<void>;
  switchStore(storeId: string): Promise<void>;
  /** Reads the session again (after settings change the business name or colour). */
  refresh(): Promise<void>;
};

const SessionContext = createContext<SessionApi | null>(null);

/** Language for a signed-in user who never chose one here: their own, the browser's, the business's. */
function applyPreferredLanguage(session: Session) {
  if (rememberedLanguage()) return;
  const lang = session.staff.language ?? browserLanguage() ?? session.tenant.defaultLanguage;
  if (lang !== currentLanguage()) void i18next.changeLanguage(lang);
}

async function discover(): Promise<Phase> {
  try {
    return { kind: 'signed-in', session: await api.get<Session>('/auth/session') };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) return unreachable(e);
  }
  try {
    const status = await api.get<{ empty: boolean }>('/setup/status');
    return status.empty ? { kind: 'setup' } : { kind: 'signed-out' };
  } catch (e) {
    return unreachable(e);
  }
}

const unreachable = (e: unknown): Phase => ({
  kind: 'unreachable',
  message: e instanceof Error ? e.message : String(e),
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const enter = useCallback((next: Phase) => {
    if (next.kind === 'signed-in') {
      configureApi({ csrfToken: next.session.csrfToken });
      applyPreferredLanguage(next.session);
    } else configureApi({ csrfToken: null });
    setPhase(next);
  }, []);

  useEffect(() => {
    let live = true;
    void discover().then((p) => live && enter(p));
    const off = onSignedOut(() => enter({ kind: 'signed-out', expired: true }));
    return () => {
      live = false;
      off();
    };
  }, [enter]);

  const value = useMemo<SessionApi>(
    () => ({
      phase,
      begin: (session) => enter({ kind: 'signed-in', session }),
      toSignIn: (prefill) => enter({ kind: 'signed-out', prefill }),
      async signOut() {
        try {
          await api.post('/auth/sign-out');
        } finally {
          enter({ kind: 'signed-out' });
        }
      },
      async switchStore(storeId) {
        enter({
          kind: 'signed-in',
          session: await api.put<Session>('/auth/session/store', { storeId }),
        });
      },
      async refresh() {
        enter({ kind: 'signed-in', session: await api.get<Session>('/auth/session') });
      },
    }),
    [phase, enter],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionApi(): SessionApi {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSessionApi outside SessionProvider');
  return v;
}

/** The signed-in session; only for pages inside the console. */
export function useSession(): Session & { can(p: Permission): boolean } {
  const { phase } = useSessionApi();
  if (phase.kind !== 'signed-in') throw new Error('useSession without a session');
  const s = phase.session;
  return { ...s, can: (p) => s.permissions.includes(p) };
}
