// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import type { AgentPresence, Team } from '@parley/protocol';
import { fixtureUuid } from '@parley/protocol/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeFetch, type FakeFetch } from '../fake-fetch';
import { TeamAdmin } from './team-admin';
import { createTeamAdminApi } from './team-admin-api';
import { createTeamAdminModel, type TeamAdminModel } from './team-admin-model';

const ada: AgentPresence = { agentId: fixtureUuid(11), name: 'Ada', status: 'online', capacity: 3, load: 1, teamIds: [fixtureUuid(1)] };
const bob: AgentPresence = { agentId: fixtureUuid(12), name: 'Bob', status: 'away', capacity: 2, load: 0, teamIds: [fixtureUuid(1)] };
const support: Team = {
  id: fixtureUuid(1),
  name: 'Support',
  isDefault: true,
  autoAssign: true,
  firstResponseTargetSeconds: 120,
  reassignAfterSeconds: null,
  memberIds: [ada.agentId, bob.agentId],
};
const site = { siteId: fixtureUuid(21), name: 'Shop', teamIds: [] as string[] };

let host: HTMLElement;
let fetch: FakeFetch;
let model: TeamAdminModel;
let deskTeams: readonly Team[];
const agents = signal<readonly AgentPresence[]>([ada, bob]);

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const field = <T extends Element>(selector: string) => host.querySelector<T>(selector)!;
const type = (selector: string, value: string) =>
  act(() => {
    const input = field<HTMLInputElement>(selector);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const tick = (input: HTMLInputElement, checked: boolean) =>
  act(() => {
    input.checked = checked;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
const submit = (form: Element) =>
  act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });

beforeEach(async () => {
  fetch = createFakeFetch();
  deskTeams = [];
  model = createTeamAdminModel(createTeamAdminApi(fetch), { agents, setTeams: (teams) => (deskTeams = teams) });
  host = document.createElement('div');
  document.body.append(host);
  fetch.reply({ status: 200, body: { teams: [support] } }, { status: 200, body: { sites: [site] } });
  act(() => render(<TeamAdmin model={model} />, host));
  await settle();
});
afterEach(() => {
  render(null, host);
  host.remove();
});

describe('TeamAdmin', () => {
  it('loads teams and sites, and hands the teams to the desk', () => {
    expect(fetch.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /v1/teams', 'GET /v1/site-teams']);
    expect(host.querySelector('[aria-label="Team Support"]')).not.toBeNull();
    expect(field<HTMLInputElement>('[aria-label="Capacity of Bob"]').value).toBe('2');
    expect(deskTeams).toEqual([support]);
  });

  it('saves an agent’s capacity and says so', async () => {
    type('[aria-label="Capacity of Bob"]', '5');
    fetch.reply({ status: 200, body: { agent: { ...bob, capacity: 5 } } });
    submit(field('[aria-label="Save capacity of Bob"]').closest('form')!);
    await settle();
    expect(fetch.requests[2]).toMatchObject({ method: 'PUT', url: `/v1/agents/${bob.agentId}/capacity`, body: { capacity: 5 } });
    expect(field('[role="status"]').textContent).toBe('Bob can now hold 5 chats.');
  });

  it('refuses a capacity that is not a whole number 0..100 without calling the relay', async () => {
    type('[aria-label="Capacity of Ada"]', '250');
    submit(field('[aria-label="Save capacity of Ada"]').closest('form')!);
    await settle();
    expect(fetch.requests).toHaveLength(2);
    expect(field('[role="alert"]').textContent).toContain('whole number from 0 to 100');
  });

  it('saves only the team settings that changed, and shows the saved team', async () => {
    const form = field('[aria-label="Team Support"]');
    tick(form.querySelector<HTMLInputElement>('input[type="checkbox"]')!, false);
    const [, , reassign] = [...form.querySelectorAll<HTMLInputElement>('input:not([type])')];
    act(() => {
      reassign!.value = '5';
      reassign!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const bobBox = [...form.querySelectorAll('label')].find((label) => label.textContent === 'Bob')!.querySelector('input')!;
    tick(bobBox, false);
    const saved = { ...support, autoAssign: false, reassignAfterSeconds: 300, memberIds: [ada.agentId] };
    fetch.reply({ status: 200, body: { team: saved } });
    submit(form);
    await settle();
    expect(fetch.requests[2]).toMatchObject({
      method: 'PATCH',
      url: `/v1/teams/${support.id}`,
      body: { autoAssign: false, reassignAfterSeconds: 300, memberIds: [ada.agentId] },
    });
    expect(Object.keys(fetch.requests[2]!.body as object).sort()).toEqual(['autoAssign', 'memberIds', 'reassignAfterSeconds']);
    expect(field('[role="status"]').textContent).toBe('Saved Support.');
    expect(deskTeams).toEqual([saved]);
  });

  it('shows the relay’s refusal in its words', async () => {
    fetch.reply({ status: 403, body: { code: 'forbidden', message: 'Your role may not do this. (admins only)' } });
    submit(field('[aria-label="Team Support"]'));
    // Nothing changed: no request at all.
    await settle();
    expect(field('[role="status"]').textContent).toBe('Nothing changed.');
    type('[aria-label="New team name"]', 'Billing');
    submit(field('[aria-label="New team name"]').closest('form')!);
    await settle();
    expect(fetch.requests[2]).toMatchObject({ method: 'POST', url: '/v1/teams', body: { name: 'Billing' } });
    expect(field('[role="alert"]').textContent).toBe('Your role may not do this. (admins only)');
  });

  it('creates a team and lets a site’s visitors pick it', async () => {
    const billing: Team = { ...support, id: fixtureUuid(2), name: 'Billing', isDefault: false, memberIds: [] };
    type('[aria-label="New team name"]', 'Billing');
    fetch.reply({ status: 201, body: { team: billing } });
    submit(field('[aria-label="New team name"]').closest('form')!);
    await settle();
    expect(host.querySelector('[aria-label="Team Billing"]')).not.toBeNull();
    expect(field<HTMLInputElement>('[aria-label="New team name"]').value).toBe('');

    const siteForm = field('[aria-label="Teams visitors of Shop may pick"]');
    const billingBox = [...siteForm.querySelectorAll('label')].find((label) => label.textContent === 'Billing')!.querySelector('input')!;
    tick(billingBox, true);
    fetch.reply({ status: 204 });
    submit(siteForm);
    await settle();
    expect(fetch.requests[3]).toMatchObject({ method: 'PUT', url: `/v1/sites/${site.siteId}/teams`, body: { teamIds: [billing.id] } });
    expect(model.sites.value[0]!.teamIds).toEqual([billing.id]);
  });
});
