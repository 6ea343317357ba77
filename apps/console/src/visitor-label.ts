import type { VisitorSummary } from '@parley/protocol';

/** How the console names a visitor: their name, else a short stable tag from their id. */
export function visitorLabel(visitor: Pick<VisitorSummary, 'id' | 'name'>): string {
  const name = visitor.name?.trim();
  return name ? name : `Visitor ${visitor.id.slice(0, 4)}`;
}
