import { asc, count } from 'drizzle-orm';
import type { Db } from './open-db';
import { teams, workspaces } from './schema';
import { DEFAULT_TEAM_NAME } from './teams';

export interface WorkspaceRecord {
  id: string;
  name: string;
  createdAt: string;
}

export async function createWorkspace(db: Db, input: { name: string }): Promise<WorkspaceRecord> {
  const [row] = await db.insert(workspaces).values({ name: input.name }).returning();
  if (!row) throw new Error('insert into workspaces returned no row');
  // Work that names no team goes to this one (routing).
  await db.insert(teams).values({ workspaceId: row.id, name: DEFAULT_TEAM_NAME, isDefault: true });
  return toWorkspaceRecord(row);
}

function toWorkspaceRecord(row: typeof workspaces.$inferSelect): WorkspaceRecord {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString() };
}

/** Every workspace, oldest first. For start-up and administration, not for request paths. */
export async function listWorkspaces(db: Db): Promise<WorkspaceRecord[]> {
  const rows = await db.select().from(workspaces).orderBy(asc(workspaces.createdAt), asc(workspaces.id));
  return rows.map(toWorkspaceRecord);
}

/** How many workspaces exist; zero means a fresh install that still needs its first admin. */
export async function countWorkspaces(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(workspaces);
  return row?.n ?? 0;
}
