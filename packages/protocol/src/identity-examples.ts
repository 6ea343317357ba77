/** Examples of the frames in identity.ts, merged into examples.ts (and shown in docs/protocol.md). */
import type { VisitorAttributesSet, VisitorIdentified, VisitorIdentify } from './identity';

export const identityWidgetToRelayExamples: { 'visitor.identify': VisitorIdentify; 'visitor.attributes.set': VisitorAttributesSet } = {
  'visitor.identify': {
    type: 'visitor.identify',
    token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImV4cCI6MTc2NzIyOTIwMH0.sig',
  },
  'visitor.attributes.set': { type: 'visitor.attributes.set', attributes: { plan: 'pro', seats: 12, trial: false } },
};

export const identityRelayToWidgetExamples: { 'visitor.identified': VisitorIdentified } = {
  'visitor.identified': {
    type: 'visitor.identified',
    visitorId: 'c0a8012e-5d3b-4f6a-8b9c-1e2d3f4a5b6c',
    token: 'v1.c0a8012e-5d3b-4f6a-8b9c-1e2d3f4a5b6c.sig',
    userId: 'user-42',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
  },
};
