/** Examples of the frames in availability.ts and email.ts, merged into examples.ts (and shown in docs/protocol.md). */
import type { AvailabilityChanged, OfflineMessage } from './availability';
import type { TranscriptEmail, TranscriptEmailed } from './email';

const conversationId = '7d1c2a9e-3b5f-4c1d-9e8a-2f6b0c4d8e11';

export const offlineWidgetToRelayExamples: { 'offline.message': OfflineMessage; 'transcript.email': TranscriptEmail } = {
  'offline.message': {
    type: 'offline.message',
    clientId: 'b7e1c2d3-1111-4222-8333-444455556666',
    email: 'sam@example.com',
    body: 'Do you ship the Trailhead 2 to Norway?',
  },
  'transcript.email': { type: 'transcript.email', conversationId, email: 'sam@example.com' },
};

export const offlineRelayToWidgetExamples: { 'availability.changed': AvailabilityChanged; 'transcript.emailed': TranscriptEmailed } = {
  'availability.changed': { type: 'availability.changed', available: false, reason: 'closed', offlineBehaviour: 'form', emailFollowUp: true },
  'transcript.emailed': { type: 'transcript.emailed', conversationId },
};
