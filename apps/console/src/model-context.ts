import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DeskModel } from './models/desk-model';
import type { SessionModel } from './models/session-model';

export const SessionContext = createContext<SessionModel | null>(null);
/** Present only while an agent is signed in. */
export const DeskContext = createContext<DeskModel | null>(null);

export function useSession(): SessionModel {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionContext.Provider> above it (see app.tsx).');
  return session;
}

export function useDesk(): DeskModel {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk() needs a <DeskContext.Provider> above it: render it only when signed in.');
  return desk;
}
