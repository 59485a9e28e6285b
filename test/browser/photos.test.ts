import type { Customer, Ticket, TicketPhoto } from '@gd/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api.js';
import { hasChromium, launch, screenshotsBothLanguages } from '../support/browser.js';
import { eventually, signIn } from '../support/flows.js';

const baseUrl = inject('baseUrl');
const password = inject('password');

/** A camera-sized JPEG (4000×3000), drawn in the page: what a phone's camera hands the file input. */
async function cameraShot(page: Page, hue: number): Promise<Buffer> {
  const b64 = await page.evaluate(async (h) => {
    const c = new OffscreenCanvas(4000, 3000);
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = `hsl(${h} 70% 50%)`;
    ctx.fillRect(0, 0, 4000, 3000);
    ctx.fillStyle = '#fff';
    ctx.fillRect(1000, 1000, 2000, 1000);
    const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, hue);
  return Buffer.from(b64, 'base64');
}

/** The stored photo's size in pixels, decoded in the page (the server keeps the bytes as sent). */
function storedSize(page: Page, ticketId: string, photoId: string) {
  return page.evaluate(
    async ([t, p]) => {
      const token = JSON.parse(localStorage.getItem('gd.session') ?? '{}').token;
      const res = await fetch(`/api/tickets/${t}/photos/${p}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const bmp = await createImageBitmap(await res.blob());
      return { width: bmp.width, height: bmp.height, type: res.headers.get('content-type') };
    },
    [ticketId, photoId] as const,
  );
}

describe.runIf(hasChromium)("photos of a crew's completion report, offline and back", () => {
  let desk: BrowserContext;
  let phone: BrowserContext;

  beforeAll(async () => {
    desk = await launch();
    phone = await launch({ mobile: true });
  });
  afterAll(async () => {
    await desk?.close();
    await phone?.close();
  });

  it('the crew takes photos at completion without network; they go when it is back and show on the order', async () => {
    const agent = await ApiClient.login(baseUrl, 'agent1', password);
    const dispatcher = await ApiClient.login(baseUrl, 'dispatcher1', password);
    const crew = await ApiClient.login(baseUrl, 'crew12', password);
    const customer = (
      await agent.get<{ items: Customer[] }>(`/customers?q=${encodeURIComponent('韶山北路')}`)
    ).body.items
      .filter((c) => c.location)
      .at(-1)!;
    const order = (
      await agent.post<Ticket>(
        '/tickets',
        { type: 'fault_repair', customerId: customer.id, description: '电表箱烧焦，需拍照留存' },
        { 'Idempotency-Key': `photos-${customer.id}` },
      )
    ).body;
    expect(
      (await dispatcher.post(`/tickets/${order.id}/dispatch`, { crewId: crew.user.crewId })).status,
    ).toBe(200);
    for (const to of ['acknowledged', 'en_route']) {
      expect((await crew.post(`/tickets/${order.id}/transition`, { to })).status).toBe(200);
    }
    await crew.post(`/crews/${crew.user.crewId}/positions`, [
      { lat: order.location!.lat + 0.002, lng: order.location!.lng, recordedAt: new Date().toISOString() },
    ]);
    for (const to of ['on_site', 'restored']) {
      expect((await crew.post(`/tickets/${order.id}/transition`, { to })).status).toBe(200);
    }

    const page = await signIn(phone, `${baseUrl}/map/crew`, 'crew12', password);
    const card = page.locator(`[data-testid="crew-order"][data-ticket-id="${order.id}"]`);
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 15_000 }).toBe('restored');
    await page.getByTestId('step-completed').click();
    await page.getByTestId('report-cause-class').selectOption('meter');
    await page.getByLabel('表计故障').check();
    await page.getByTestId('report-work-done').fill('更换电表及表前开关');
    const input = page.getByTestId('report-photo-input');
    expect(await input.getAttribute('capture')).toBe('environment');
    expect(await input.getAttribute('accept')).toBe('image/*');
    await input.setInputFiles([
      { name: 'a.jpg', mimeType: 'image/jpeg', buffer: await cameraShot(page, 10) },
      { name: 'b.jpg', mimeType: 'image/jpeg', buffer: await cameraShot(page, 200) },
    ]);
    await expect.poll(() => page.getByTestId('report-photo').count(), { timeout: 15_000 }).toBe(2);
    // Shrunk on the phone: the thumbnails are data URLs of a JPEG no longer than 1600 px.
    const natural = await page
      .getByTestId('report-photo')
      .first()
      .evaluate((img: HTMLImageElement) => ({
        w: img.naturalWidth,
        h: img.naturalHeight,
        src: img.src.slice(0, 23),
      }));
    expect(natural).toEqual({ w: 1600, h: 1200, src: 'data:image/jpeg;base64,' });
    // A blurred one goes.
    await page.getByTestId('report-photo-remove').nth(1).click();
    await expect.poll(() => page.getByTestId('report-photo').count()).toBe(1);
    await screenshotsBothLanguages(page, 'crew-phone-report-photo', { mobile: true });
    await page.getByTestId('language-switch').first().selectOption('zh-CN');

    // No network: the photo and the step wait in the outbox…
    await phone.setOffline(true);
    await page.getByTestId('step-submit').click();
    await expect.poll(() => page.getByTestId('step-notice').getAttribute('data-kind')).toBe('queued');
    expect(await page.getByTestId('outbox-pending').getAttribute('data-count')).toBe('2');
    expect((await dispatcher.get<TicketPhoto[]>(`/tickets/${order.id}/photos`)).body).toEqual([]);
    // …and go, photo first, when it is back.
    await phone.setOffline(false);
    await page.getByTestId('outbox-pending').waitFor({ state: 'detached', timeout: 30_000 });
    const photos = await eventually(async () => {
      const done = (await dispatcher.get<Ticket>(`/tickets/${order.id}`)).body;
      expect(done.status).toBe('completed');
      const list = (await dispatcher.get<TicketPhoto[]>(`/tickets/${order.id}/photos`)).body;
      expect(list).toHaveLength(1);
      expect(Date.parse(list[0]!.createdAt)).toBeLessThanOrEqual(Date.parse(done.completedAt!));
      return list;
    });
    expect(photos[0]).toMatchObject({ contentType: 'image/jpeg', crewId: crew.user.crewId });
    await page.close();

    // The dispatcher sees it on the order's page and in the printed history.
    const office = await signIn(desk, `${baseUrl}/tickets/${order.id}`, 'dispatcher1', password);
    const shown = office.getByTestId('ticket-photo');
    await expect.poll(() => shown.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
    expect(await storedSize(office, order.id, photos[0]!.id)).toEqual({
      width: 1600,
      height: 1200,
      type: 'image/jpeg',
    });
    await screenshotsBothLanguages(office, 'console-order-photos');
    await office.goto(`${baseUrl}/tickets/${order.id}/print`);
    await expect
      .poll(() => office.locator('[data-testid="print-order"] [data-testid="ticket-photo"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await office.close();
  });
});
