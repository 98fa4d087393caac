import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import type { IncomingCall } from '@regulars/contracts';
import { currentLanguage } from '../i18n';
import { useSession } from '../session';
import { followCalls, type CallStreamState } from './call-stream';

type Listener = (call: IncomingCall) => void;
type Calls = { state: CallStreamState; subscribe(listener: Listener): () => void };

const CallsContext = createContext<Calls>({ state: 'off', subscribe: () => () => undefined });

/**
 * One live line per browser tab to the calls of the signed-in staff member's extension, shared
 * by the pop-up on every page and the caller-ID page. Reopened when the console's language
 * changes, so the card arrives in it.
 */
export function CallsProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const lang = currentLanguage();
  const listeners = useRef(new Set<Listener>());
  const [state, setState] = useState<CallStreamState>('connecting');
  const allowed = session.can('members.browse');

  useEffect(() => {
    if (!allowed) return;
    const stop = followCalls({
      language: lang,
      onCall: (call) => listeners.current.forEach((l) => l(call)),
      onState: setState,
    });
    return () => {
      stop();
      setState('off');
    };
  }, [allowed, lang, session.staff.staffId]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo<Calls>(() => ({ state, subscribe }), [state, subscribe]);
  return <CallsContext.Provider value={value}>{children}</CallsContext.Provider>;
}

/** Calls `onCall` for each call to my extension while the component is shown. */
export function useIncomingCalls(onCall: Listener): CallStreamState {
  const calls = useContext(CallsContext);
  const latest = useRef(onCall);
  useEffect(() => {
    latest.current = onCall;
  });
  const { subscribe } = calls;
  useEffect(() => subscribe((call) => latest.current(call)), [subscribe]);
  return calls.state;
}
