import type { LoginResponse, Page, Ticket, User } from '@gd/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staff } from '../db/schema/index.js';
import { DATABASES, nextEvent, startTestApp, type TestApp } from '../test/harness.js';
import { createOrder, userId } from './work-orders.fixtures.js';

// The demo seed puts agent1, agent2 and supervisor1 in team 一班 and agent3 in 二班; dispatcher1 has no team.
describe.each(DATABASES)("my team's queue on %s", (kind) => {
  let t: TestApp;
  let agent1: string;
  let agent2: string;
  let agent3: string;
  let supervisor: string;
  let dispatcher: string;
  let admin: string;
  let byAgent1: Ticket;
  let byAgent2: Ticket;
  let byAgent3: Ticket;

  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 20 });
    [agent1, agent2, agent3, supervisor, dispatcher, admin] = (await Promise.all(
      ['agent1', 'agent2', 'agent3', 'supervisor1', 'dispatcher1', 'admin'].map((u) => t.token(u)),
    )) as [string, string, string, string, string, string];
    byAgent1 = await createOrder(t, agent1, { type: 'inquiry', description: '一班 李敏 受理' });
    byAgent2 = await createOrder(t, agent2, { type: 'inquiry', description: '一班 王芳 受理' });
    byAgent3 = await createOrder(t, agent3, { type: 'inquiry', description: '二班 赵磊 受理' });
  });
  afterAll(() => t?.close());

  const teamQueue = async (token: string, extra = '') => {
    const res = await t.request<Page<Ticket>>('GET', `/tickets?team=mine&pageSize=200${extra}`, { token });
    expect(res.status).toBe(200);
    return res.body.items.map((i) => i.id);
  };

  it('gives the signed-in user their team on login and /auth/me', async () => {
    expect((await t.login('agent3')).user.team).toBe('二班');
    expect((await t.request<User>('GET', '/auth/me', { token: agent1 })).body.team).toBe('一班');
    expect((await t.request<User>('GET', '/auth/me', { token: dispatcher })).body.team).toBeNull();
  });

  it("lists the orders a team member took, for every member of the team, and not another team's", async () => {
    for (const token of [agent1, agent2, supervisor]) {
      const ids = await teamQueue(token);
      expect(ids).toEqual(expect.arrayContaining([byAgent1.id, byAgent2.id]));
      expect(ids).not.toContain(byAgent3.id);
    }
    expect(await teamQueue(agent3)).toEqual([byAgent3.id]);
  });

  it('sorts like the other lists (closest to breach first) and combines with the other filters', async () => {
    await t.database.db.execute(
      sql`update sla_clocks set due_at = now() + interval '2 minutes' where ticket_id = ${byAgent2.id}`,
    );
    const ids = await teamQueue(agent1, '&open=true');
    expect(ids[0]).toBe(byAgent2.id);

    const cancelled = await createOrder(t, agent2, { type: 'inquiry', description: '一班 撤销' });
    const cancel = await t.request('POST', `/tickets/${cancelled.id}/transition`, {
      token: agent2,
      body: { to: 'cancelled', note: '客户重复来电' },
    });
    expect(cancel.status).toBe(200);
    expect(await teamQueue(agent1)).toContain(cancelled.id);
    expect(await teamQueue(agent1, '&open=true')).not.toContain(cancelled.id);
    expect(await teamQueue(agent1, `&firstResponderId=me`)).toEqual([byAgent1.id]);
    expect(await teamQueue(agent1, '&type=praise')).toEqual([]);
  });

  it('follows a hand-off: the new owner brings the order to their team, the first responder keeps it in theirs', async () => {
    const handoff = await t.request<Ticket>('POST', `/tickets/${byAgent1.id}/handoff`, {
      token: agent1,
      body: { toUserId: await userId(t, 'agent3'), reason: '转二班跟进' },
    });
    expect(handoff.status).toBe(200);
    expect(await teamQueue(agent3, '&open=true')).toEqual(expect.arrayContaining([byAgent1.id, byAgent3.id]));
    expect(await teamQueue(agent2, '&open=true')).toContain(byAgent1.id);
  });

  it("pushes a member's new order to the whole team's sockets (their team queue), not to another team's", async () => {
    const [teammate, otherTeam] = [await t.socket(agent2), await t.socket(agent3)];
    const heard = (socket: typeof teammate, description: string) =>
      nextEvent(socket, 'ticket.created', (e) => e.ticket.description === description, 2_000);
    const description = '一班 李敏 受理（推送）';
    const toTeammate = heard(teammate, description);
    const toOtherTeam = heard(otherTeam, description);
    await createOrder(t, agent1, { type: 'inquiry', description });
    await expect(toTeammate).resolves.toMatchObject({ ticket: { description } });
    await expect(toOtherTeam).rejects.toThrow(/no ticket.created/);
  });

  it('answers 422 to a caller without a team and 400 to any value but "mine"', async () => {
    const none = await t.request('GET', '/tickets?team=mine', { token: dispatcher });
    expect(none.status).toBe(422);
    expect(none.body.message).toBe('you are not in a team: an admin can assign one');
    for (const value of ['other', 'MINE', '一班', '']) {
      const bad = await t.request('GET', `/tickets?team=${encodeURIComponent(value)}`, { token: agent1 });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual([
        expect.stringMatching(/^team must be one of the following values: mine/),
      ]);
    }
  });

  it('lets an admin set and clear a team; every change counts on the next request', async () => {
    const dispatcherId = await userId(t, 'dispatcher1');
    // Read once first, so the node holds the account: the change must drop that copy.
    expect((await t.request<User>('GET', '/auth/me', { token: dispatcher })).body.team).toBeNull();
    const set = await t.request<User>('PATCH', `/staff/${dispatcherId}`, {
      token: admin,
      body: { team: '  二班 ' },
    });
    expect(set).toMatchObject({ status: 200, body: { team: '二班' } });
    expect((await t.request<User>('GET', '/auth/me', { token: dispatcher })).body.team).toBe('二班');
    expect(await teamQueue(dispatcher)).toEqual(expect.arrayContaining([byAgent1.id, byAgent3.id]));
    const list = await t.request<User[]>('GET', '/staff', { token: agent1 });
    expect(list.body.find((u) => u.id === dispatcherId)?.team).toBe('二班');

    // A patch without the field leaves the team as it is.
    await t.request('PATCH', `/staff/${dispatcherId}`, { token: admin, body: { displayName: '调度 张强' } });
    expect((await t.request<User>('GET', '/auth/me', { token: dispatcher })).body.team).toBe('二班');

    const cleared = await t.request<User>('PATCH', `/staff/${dispatcherId}`, {
      token: admin,
      body: { team: null },
    });
    expect(cleared).toMatchObject({ status: 200, body: { team: null } });
    expect((await t.request<User>('GET', '/auth/me', { token: dispatcher })).body.team).toBeNull();
    expect((await t.request('GET', '/tickets?team=mine', { token: dispatcher })).status).toBe(422);

    const created = await t.request<User>('POST', '/staff', {
      token: admin,
      body: {
        username: 'agent7',
        displayName: '客服 周婷',
        role: 'agent',
        password: 'long-enough-1',
        team: '三班',
      },
    });
    expect(created).toMatchObject({ status: 201, body: { team: '三班' } });
    const login = await t.request<LoginResponse>('POST', '/auth/login', {
      body: { username: 'agent7', password: 'long-enough-1' },
    });
    expect(login.body.user.team).toBe('三班');
  });

  it('refuses a bad team with 400 and changes nothing', async () => {
    const agent2Id = await userId(t, 'agent2');
    for (const [team, message] of [
      ['', /^team must be longer than or equal to 1 characters/],
      ['   ', /^team must be longer than or equal to 1 characters/],
      ['班'.repeat(41), /^team must be shorter than or equal to 40 characters/],
      [7, /^team must be a string/],
    ] as const) {
      const patch = await t.request('PATCH', `/staff/${agent2Id}`, { token: admin, body: { team } });
      expect(patch.status).toBe(400);
      expect(patch.body.message).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
      const post = await t.request('POST', '/staff', {
        token: admin,
        body: { username: 'agent8', displayName: 'x', role: 'agent', password: 'long-enough-1', team },
      });
      expect(post.status).toBe(400);
    }
    expect((await t.request<User>('GET', '/auth/me', { token: agent2 })).body.team).toBe('一班');
    expect(await t.database.db.$count(staff, eq(staff.username, 'agent8'))).toBe(0);
    expect(
      (await t.request('PATCH', `/staff/${agent2Id}`, { token: supervisor, body: { team: '二班' } })).status,
    ).toBe(403);
  });
});
