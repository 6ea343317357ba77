/** Business hours rows and the email follow-up queue, on PGlite and Postgres. */
import { expect, it } from 'vitest';
import { getBusinessHours, setBusinessHours, DEFAULT_BUSINESS_HOURS } from './business-hours';
import { claimDueFollowUps, followUpContext, markFollowedUp, markFromOfflineForm, scheduleFollowUp, setVisitorEmail } from './email-follow-ups';
import { startConversation } from './messages';
import { createChatFixture } from './testing/chat-fixture';
import { describeEachBackend } from './testing/each-backend';

let clientIds = 0;

describeEachBackend('business hours and email follow-ups', (database) => {
  it('stores a site\'s hours in its workspace only, with defaults before any save', async () => {
    const db = database().db;
    const a = await createChatFixture(db, 'Hours A');
    const b = await createChatFixture(db, 'Hours B');
    expect(await getBusinessHours(db, a.workspace.id, a.site.id)).toEqual(DEFAULT_BUSINESS_HOURS);
    const hours = {
      enabled: true,
      timeZone: 'Europe/Berlin',
      weekly: [{ day: 1, start: '09:00', end: '17:00' }],
      holidays: ['2026-12-25', '2026-01-01', '2026-12-25'],
      offlineBehaviour: 'notice' as const,
    };
    expect(await setBusinessHours(db, a.workspace.id, a.site.id, hours)).toEqual({ ...hours, holidays: ['2026-01-01', '2026-12-25'] });
    expect(await setBusinessHours(db, b.workspace.id, a.site.id, hours)).toBeNull();
    expect(await getBusinessHours(db, b.workspace.id, a.site.id)).toEqual(DEFAULT_BUSINESS_HOURS);
    expect((await setBusinessHours(db, a.workspace.id, a.site.id, { ...hours, enabled: false }))?.enabled).toBe(false);
  });

  it('keeps a burst on its first deadline and hands each due email to one claimant', async () => {
    const db = database().db;
    const { workspace, site, visitor, visitorAuthor } = await createChatFixture(db, 'Follow-ups');
    const started = await startConversation(db, workspace.id, { siteId: site.id, visitorId: visitor.id, clientId: `c-${++clientIds}`, author: visitorAuthor, body: 'Hi' });
    const conversationId = started!.conversation.id;
    await setVisitorEmail(db, workspace.id, visitor.id, 'sam@example.com');
    await markFromOfflineForm(db, workspace.id, conversationId);

    const first = new Date('2030-01-01T00:00:10Z');
    await scheduleFollowUp(db, workspace.id, conversationId, first);
    await scheduleFollowUp(db, workspace.id, conversationId, new Date('2030-01-01T00:00:50Z'));
    expect(await claimDueFollowUps(db, new Date('2030-01-01T00:00:09Z'))).toEqual([]);

    const claims = await Promise.all([claimDueFollowUps(db, first), claimDueFollowUps(db, first)]);
    expect(claims.flat()).toEqual([{ workspaceId: workspace.id, conversationId, fromOfflineForm: true, emailedThroughSeq: 0 }]);
    expect(await claimDueFollowUps(db, new Date('2030-01-02T00:00:00Z'))).toEqual([]);

    await markFollowedUp(db, workspace.id, conversationId, 3, true);
    await markFollowedUp(db, workspace.id, conversationId, 2, false);
    await scheduleFollowUp(db, workspace.id, conversationId, first);
    expect(await claimDueFollowUps(db, first)).toEqual([{ workspaceId: workspace.id, conversationId, fromOfflineForm: true, emailedThroughSeq: 3 }]);

    expect(await followUpContext(db, workspace.id, conversationId)).toMatchObject({
      siteName: 'Follow-ups site',
      visitorId: visitor.id,
      visitorEmail: 'sam@example.com',
      lastSeq: 1,
    });
    const other = await createChatFixture(db, 'Elsewhere');
    expect(await followUpContext(db, other.workspace.id, conversationId)).toBeNull();
  });
});
