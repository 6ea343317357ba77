/**
 * The Team admin forms' rules, without a DOM: service levels are typed in minutes and stored in
 * seconds, and a save sends only what the admin changed.
 */
import type { Team, TeamUpdateBody } from '@parley/protocol';

/** What the team form holds while the admin edits it. */
export interface TeamDraft {
  name: string;
  autoAssign: boolean;
  /** Minutes as typed; empty for "no target". */
  firstResponseMinutes: string;
  /** Minutes as typed; empty for "never". */
  reassignMinutes: string;
  memberIds: readonly string[];
}

/** Seconds as minutes for the form: 90 -> "1.5", null -> "". */
export function minutesText(seconds: number | null): string {
  if (seconds === null) return '';
  return String(Math.round((seconds / 60) * 100) / 100);
}

/** Minutes typed -> whole seconds; empty -> null (off). Anything else not a positive number is refused. */
export function secondsFromMinutes(text: string): { ok: true; seconds: number | null } | { ok: false } {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { ok: true, seconds: null };
  const minutes = Number(trimmed);
  if (!Number.isFinite(minutes) || minutes <= 0) return { ok: false };
  return { ok: true, seconds: Math.max(1, Math.round(minutes * 60)) };
}

export function draftOf(team: Team): TeamDraft {
  return {
    name: team.name,
    autoAssign: team.autoAssign,
    firstResponseMinutes: minutesText(team.firstResponseTargetSeconds),
    reassignMinutes: minutesText(team.reassignAfterSeconds),
    memberIds: team.memberIds,
  };
}

/** The PATCH body for a draft: only fields that differ from the team; an error names a field typed wrong. */
export function teamChanges(team: Team, draft: TeamDraft): { ok: true; body: TeamUpdateBody } | { ok: false; error: string } {
  const name = draft.name.trim();
  if (name === '') return { ok: false, error: 'A team needs a name.' };
  const firstResponse = secondsFromMinutes(draft.firstResponseMinutes);
  if (!firstResponse.ok) return { ok: false, error: 'The first reply target is a number of minutes above 0, or empty for none.' };
  const reassign = secondsFromMinutes(draft.reassignMinutes);
  if (!reassign.ok) return { ok: false, error: 'Reassign after is a number of minutes above 0, or empty for never.' };
  const body: TeamUpdateBody = {};
  if (name !== team.name) body.name = name;
  if (draft.autoAssign !== team.autoAssign) body.autoAssign = draft.autoAssign;
  if (firstResponse.seconds !== team.firstResponseTargetSeconds) body.firstResponseTargetSeconds = firstResponse.seconds;
  if (reassign.seconds !== team.reassignAfterSeconds) body.reassignAfterSeconds = reassign.seconds;
  const members = [...draft.memberIds].sort();
  if (members.join() !== [...team.memberIds].sort().join()) body.memberIds = members;
  return { ok: true, body };
}

/** A capacity as typed: a whole number 0..100, else null. */
export function capacityFrom(text: string): number | null {
  if (!/^\s*\d{1,3}\s*$/.test(text)) return null;
  const value = Number(text);
  return value <= 100 ? value : null;
}

/** Adds (at the end) or removes one id; the others keep their order. */
export function toggled(ids: readonly string[], id: string, on: boolean): string[] {
  if (on) return ids.includes(id) ? [...ids] : [...ids, id];
  return ids.filter((other) => other !== id);
}
