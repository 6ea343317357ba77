import { createContext } from 'preact';
import type { TeamAdminApi } from './team-admin-api';

/** The Team admin REST client, supplied by the composition root (main.tsx); without it the desk shows no Team screen. */
export const TeamAdminApiContext = createContext<TeamAdminApi | null>(null);
