import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ToolsApi } from '../models/tools-api';
import type { ToolsModel } from '../models/tools-model';

/** The desk's tools (inbox-page.tsx provides them); absent, components fall back to plain replies. */
export const ToolsContext = createContext<ToolsModel | null>(null);

export function useTools(): ToolsModel | null {
  return useContext(ToolsContext);
}

/** The tools' REST client, supplied by the composition root (main.tsx); without it the desk has no tools. */
export const ToolsApiContext = createContext<ToolsApi | null>(null);
