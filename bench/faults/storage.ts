/** What Postgres holds for the run's workspace, read directly with `pg`: the truth views are judged by. */
import pg from 'pg';

export interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  body: string;
  authorKind: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface StoredConversation {
  id: string;
  lastSeq: number;
  startedByClientId: string | null;
  /** Its messages in seq order. */
  messages: StoredMessage[];
}

export interface Storage {
  conversations: Map<string, StoredConversation>;
  messageCount: number;
  /** `${conversationId}/${clientId}` -> message. */
  byClientKey: Map<string, StoredMessage>;
  /** clientIds stored more than once anywhere in the workspace, with their rows. */
  repeatedClientIds: Map<string, StoredMessage[]>;
}

export const clientKey = (conversationId: string, clientId: string) => `${conversationId}/${clientId}`;

export async function readStorage(databaseUrl: string, workspaceId: string): Promise<Storage> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const conversationRows = await client.query<{ id: string; last_seq: number; started_by_client_id: string | null }>(
      'select id, last_seq, started_by_client_id from conversations where workspace_id = $1',
      [workspaceId],
    );
    const messageRows = await client.query<{
      id: string;
      conversation_id: string;
      seq: number;
      client_id: string | null;
      body: string;
      author_kind: string;
      kind: string;
      created_at: Date;
    }>(
      `select id, conversation_id, seq, client_id, body, author_kind, kind, created_at
         from messages where workspace_id = $1 order by conversation_id, seq`,
      [workspaceId],
    );
    const conversations = new Map<string, StoredConversation>();
    for (const row of conversationRows.rows) {
      conversations.set(row.id, { id: row.id, lastSeq: row.last_seq, startedByClientId: row.started_by_client_id, messages: [] });
    }
    const byClientKey = new Map<string, StoredMessage>();
    const byClientId = new Map<string, StoredMessage[]>();
    for (const row of messageRows.rows) {
      const message: StoredMessage = {
        id: row.id,
        conversationId: row.conversation_id,
        seq: row.seq,
        clientId: row.client_id,
        body: row.body,
        authorKind: row.author_kind,
        createdAt: row.created_at.getTime(),
      };
      conversations.get(message.conversationId)?.messages.push(message);
      if (message.clientId !== null) {
        byClientKey.set(clientKey(message.conversationId, message.clientId), message);
        const same = byClientId.get(message.clientId);
        if (same) same.push(message);
        else byClientId.set(message.clientId, [message]);
      }
    }
    const repeatedClientIds = new Map([...byClientId].filter(([, rows]) => rows.length > 1));
    // Events the relay writes itself ("Ada joined the conversation.") are in every view, but nobody sent them.
    const messageCount = messageRows.rows.filter((row) => row.kind !== 'event').length;
    return { conversations, messageCount, byClientKey, repeatedClientIds };
  } finally {
    await client.end();
  }
}
