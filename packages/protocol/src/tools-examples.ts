/** Examples of the frames in tools.ts, merged into examples.ts (and shown in docs/protocol.md). */
import type { NoteSend, PageViewed, PageViewFrame, TagsChanged } from './tools';

const conversationId = '7d1c2a9e-3b5f-4c1d-9e8a-2f6b0c4d8e11';
const visitorId = 'c0a8012e-5d3b-4f6a-8b9c-1e2d3f4a5b6c';

export const toolsWidgetToRelayExamples: { 'page.view': PageViewFrame } = {
  'page.view': {
    type: 'page.view',
    url: 'https://shop.example.com/tents/trailhead-2',
    title: 'Trailhead 2 tent',
    referrer: 'https://www.google.com/',
    timeZone: 'Europe/Berlin',
  },
};

export const toolsConsoleToRelayExamples: { 'note.send': NoteSend } = {
  'note.send': { type: 'note.send', conversationId, clientId: 'note-4a2f', body: 'VIP customer: offer free shipping.' },
};

export const toolsRelayToConsoleExamples: { 'page.viewed': PageViewed; 'tags.changed': TagsChanged } = {
  'page.viewed': {
    type: 'page.viewed',
    visitorId,
    page: {
      url: 'https://shop.example.com/tents/trailhead-2',
      title: 'Trailhead 2 tent',
      referrer: 'https://www.google.com/',
      viewedAt: '2026-01-01T00:00:02.000Z',
    },
  },
  'tags.changed': { type: 'tags.changed', conversationId, tags: ['billing', 'vip'] },
};
