import { PHOTO_MAX_BYTES, type TicketPhoto } from '@gd/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, ticketPhotos } from '../db/schema/index.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';
import { createOrder, crewOf, DISPATCH, move, urbanCustomers } from './work-orders.fixtures.js';

/** The smallest JPEG-looking bytes: the magic number, then filler. */
const jpeg = (size = 2048) => {
  const b = Buffer.alloc(size, 0x41);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
};

describe.each(DATABASES)("a crew's photos of an order on %s", (kind) => {
  let t: TestApp;
  let agent: string;
  let crew01: string;
  let crew02: string;
  let orderId: string;

  const upload = async (token: string, body: Buffer | string, type = 'image/jpeg', key?: string) => {
    const res = await fetch(`${t.url}/api/tickets/${orderId}/photos`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': type,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const stored = async () =>
    (await t.database.db.select().from(ticketPhotos).where(eq(ticketPhotos.ticketId, orderId))).length;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [agent, crew01, crew02] = (await Promise.all(['agent1', 'crew01', 'crew02'].map((u) => t.token(u)))) as [
      string,
      string,
      string,
    ];
    const [cust] = await urbanCustomers(t, 1);
    const o = await createOrder(t, agent, {
      type: 'fault_repair',
      customerId: cust!.id,
      description: '单户停电，拍照回单',
    });
    orderId = o.id;
    await move(t, o.id, 'dispatched', DISPATCH, {
      via: 'dispatch',
      data: { crewId: await crewOf(t, 'crew01') },
    });
  });
  afterAll(() => t?.close());

  it('refuses what is not a photo, too big, or from anyone but the crew, and stores nothing', async () => {
    const svg = await upload(crew01, '<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/png');
    expect(svg.status).toBe(415);
    expect((await upload(crew01, jpeg(), 'image/gif')).status).toBe(415);
    expect((await upload(crew01, jpeg(), 'application/octet-stream')).status).toBe(415);
    expect((await upload(crew01, jpeg(PHOTO_MAX_BYTES + 1))).status).toBe(413);
    const other = await upload(crew02, jpeg());
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/only the crew/);
    expect((await upload(agent, jpeg())).status).toBe(403);
    // An image body anywhere else is refused too.
    const res = await fetch(`${t.url}/api/tickets/${orderId}/transition`, {
      method: 'POST',
      headers: { authorization: `Bearer ${crew01}`, 'content-type': 'image/jpeg' },
      body: jpeg(),
    });
    expect(res.status).toBe(400);
    expect(await stored()).toBe(0);
  });

  it("stores the crew's photo once per upload key, lists it and serves it to the office, audited", async () => {
    const first = await upload(crew01, jpeg(5000), 'image/jpeg', 'phone-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ contentType: 'image/jpeg', sizeBytes: 5000, ticketId: orderId });
    const again = await upload(crew01, jpeg(5000), 'image/jpeg', 'phone-1');
    expect(again.body.id).toBe(first.body.id);
    expect(await stored()).toBe(1);

    const list = await t.request<TicketPhoto[]>('GET', `/tickets/${orderId}/photos`, { token: agent });
    expect(list.status).toBe(200);
    expect(list.body.map((p) => p.id)).toEqual([first.body.id]);

    const img = await fetch(`${t.url}/api/tickets/${orderId}/photos/${first.body.id}`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await img.arrayBuffer()).equals(jpeg(5000))).toBe(true);

    // A crew never sent to the order sees neither list nor photo.
    expect((await t.request('GET', `/tickets/${orderId}/photos`, { token: crew02 })).status).toBe(403);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'ticket.photo'));
    expect(audits.filter((a) => a.entityId === orderId)).toHaveLength(1);
  });
});
