/**
 * Canned responses in the composer: the list (team and personal), which one a `/shortcut` being
 * typed matches, and the placeholders filled at insertion.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { CannedResponse, CannedResponseCreateBody } from '@parley/protocol';
import type { ToolsApi } from './tools-api';

export interface CannedModel {
  readonly responses: ReadonlySignal<readonly CannedResponse[]>;
  readonly error: ReadonlySignal<string | null>;
  load(): Promise<void>;
  create(body: CannedResponseCreateBody): Promise<boolean>;
  remove(id: string): Promise<void>;
}

export function createCannedModel(api: Pick<ToolsApi, 'listCanned' | 'createCanned' | 'deleteCanned'>): CannedModel {
  const responses = signal<readonly CannedResponse[]>([]);
  const error = signal<string | null>(null);
  const guard = async (work: () => Promise<void>): Promise<boolean> => {
    try {
      await work();
      error.value = null;
      return true;
    } catch (thrown) {
      error.value = thrown instanceof Error ? thrown.message : String(thrown);
      return false;
    }
  };
  const load = async () => {
    await guard(async () => {
      responses.value = (await api.listCanned()).cannedResponses;
    });
  };
  return {
    responses,
    error,
    load,
    create: (body) =>
      guard(async () => {
        const { cannedResponse } = await api.createCanned(body);
        responses.value = [...responses.value, cannedResponse].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
      }),
    async remove(id) {
      await guard(async () => {
        await api.deleteCanned(id);
        responses.value = responses.value.filter((response) => response.id !== id);
      });
    },
  };
}

/** A `/shortcut` being typed: `/` at the start of the text or after whitespace, up to the caret. */
export interface SlashQuery {
  /** Index of the `/`. */
  start: number;
  /** What follows it, lower-cased. */
  query: string;
}

export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([a-z0-9_-]*)$/i.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]!.toLowerCase() };
}

/** Responses whose shortcut starts with the query first, then those containing it (shortcut or title). */
export function matchCanned(responses: readonly CannedResponse[], query: string, limit = 8): CannedResponse[] {
  const q = query.toLowerCase();
  const prefix = responses.filter((r) => r.shortcut.startsWith(q));
  const inside = responses.filter((r) => !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || r.title.toLowerCase().includes(q)));
  return [...prefix, ...inside].slice(0, limit);
}

export interface PlaceholderValues {
  visitor: { name: string | null; email: string | null };
  agent: { name: string };
}

/** `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}` filled in; unknown values become empty, other text stays. */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  const table: Record<string, string> = {
    'visitor.name': values.visitor.name ?? '',
    'visitor.email': values.visitor.email ?? '',
    'agent.name': values.agent.name,
  };
  return body.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g, (whole, key: string) => (key in table ? table[key]! : whole));
}

/** The text with the `/query` replaced by the response; the caret goes after what was inserted. */
export function insertCanned(text: string, slash: SlashQuery, caret: number, filled: string): { text: string; caret: number } {
  const next = text.slice(0, slash.start) + filled + text.slice(caret);
  return { text: next, caret: slash.start + filled.length };
}
