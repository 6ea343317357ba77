import { fixtureUuid, makeMessage } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { countUnread } from './unread';

const conversationId = fixtureUuid(1000);
const agent = { kind: 'agent' as const, id: fixtureUuid(4000), name: 'Ada' };

describe('countUnread', () => {
  it('counts agent messages after the seen seq in the conversation on screen', () => {
    const messages = [
      makeMessage({ seq: 1, author: agent }),
      makeMessage({ seq: 2 }),
      makeMessage({ seq: 3, author: agent }),
      makeMessage({ seq: 4, author: agent }),
      makeMessage({ seq: 9, author: agent, conversationId: fixtureUuid(1001) }),
    ];
    expect(countUnread(messages, conversationId, 0)).toBe(3);
    expect(countUnread(messages, conversationId, 3)).toBe(1);
    expect(countUnread(messages, conversationId, 4)).toBe(0);
    expect(countUnread(messages, null, 0)).toBe(0);
  });
});
