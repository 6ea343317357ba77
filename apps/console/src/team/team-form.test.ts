import type { Team } from '@parley/protocol';
import { fixtureUuid } from '@parley/protocol/testing';
import { describe, expect, it } from 'vitest';
import { capacityFrom, draftOf, minutesText, secondsFromMinutes, teamChanges, toggled } from './team-form';

const team: Team = {
  id: fixtureUuid(1),
  name: 'Support',
  isDefault: true,
  autoAssign: true,
  firstResponseTargetSeconds: 120,
  reassignAfterSeconds: null,
  memberIds: [fixtureUuid(11), fixtureUuid(12)],
};

describe('service levels in minutes', () => {
  it('shows seconds as minutes and reads minutes back as whole seconds', () => {
    expect(minutesText(120)).toBe('2');
    expect(minutesText(90)).toBe('1.5');
    expect(minutesText(null)).toBe('');
    expect(secondsFromMinutes('1.5')).toEqual({ ok: true, seconds: 90 });
    expect(secondsFromMinutes('0,5')).toEqual({ ok: true, seconds: 30 });
    expect(secondsFromMinutes('  ')).toEqual({ ok: true, seconds: null });
  });

  it('refuses zero, negative and non-numbers instead of switching the rule off', () => {
    for (const text of ['0', '-2', 'soon', 'Infinity']) expect(secondsFromMinutes(text)).toEqual({ ok: false });
  });
});

describe('teamChanges', () => {
  it('sends nothing for an untouched draft', () => {
    expect(teamChanges(team, draftOf(team))).toEqual({ ok: true, body: {} });
  });

  it('sends only what changed, members sorted, a cleared target as null', () => {
    const draft = { ...draftOf(team), name: ' Front desk ', autoAssign: false, firstResponseMinutes: '', reassignMinutes: '5', memberIds: [fixtureUuid(13), fixtureUuid(11)] };
    expect(teamChanges(team, draft)).toEqual({
      ok: true,
      body: { name: 'Front desk', autoAssign: false, firstResponseTargetSeconds: null, reassignAfterSeconds: 300, memberIds: [fixtureUuid(11), fixtureUuid(13)] },
    });
  });

  it('does not count the same members in another order as a change', () => {
    expect(teamChanges(team, { ...draftOf(team), memberIds: [fixtureUuid(12), fixtureUuid(11)] })).toEqual({ ok: true, body: {} });
  });

  it('names the field typed wrong', () => {
    expect(teamChanges(team, { ...draftOf(team), name: '  ' })).toEqual({ ok: false, error: 'A team needs a name.' });
    expect(teamChanges(team, { ...draftOf(team), reassignMinutes: '0' })).toMatchObject({ ok: false, error: expect.stringContaining('Reassign') });
    expect(teamChanges(team, { ...draftOf(team), firstResponseMinutes: 'x' })).toMatchObject({ ok: false, error: expect.stringContaining('first reply') });
  });
});

describe('capacityFrom and toggled', () => {
  it('takes whole numbers 0..100 only', () => {
    expect(capacityFrom('0')).toBe(0);
    expect(capacityFrom(' 7 ')).toBe(7);
    expect(capacityFrom('100')).toBe(100);
    for (const text of ['101', '-1', '2.5', '', 'three']) expect(capacityFrom(text)).toBeNull();
  });

  it('adds and removes one id', () => {
    expect(toggled(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggled(['a', 'b'], 'a', true)).toEqual(['a', 'b']);
  });
});
