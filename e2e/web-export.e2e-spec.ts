import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { buildWebClient, IsolatedPlatform, serveStatic, startTrainedPlatform, useChromium } from '@seg/platform-client/testing';

jest.setTimeout(300_000);

describe('the segment download, in Chromium against the real platform', () => {
  const platform = new IsolatedPlatform();
  let web: { server: Server; origin: string };

  async function signIn(role: 'viewer' | 'analyst'): Promise<void> {
    await chrome.page.goto(`${web.origin}/?gateway=${encodeURIComponent(platform.url('gateway'))}`);
    await chrome.page.getByLabel('Access token').fill(await platform.flow.token(role));
    await chrome.page.getByRole('button', { name: 'Sign in' }).click();
    await chrome.page.getByRole('list', { name: 'Segments', exact: true }).getByRole('listitem').first().waitFor();
  }

  beforeAll(async () => {
    buildWebClient();
    web = await serveStatic();
    // The platform copies this environment; its gateway must accept the browser's origin.
    process.env.GATEWAY_CORS_ORIGINS = web.origin;
    await startTrainedPlatform(platform);
  }, 900_000);

  const chrome = useChromium();

  afterAll(async () => {
    web?.server.close();
    await platform.stop();
  });

  it("should download a segment's members as a CSV file equal to its assignments when an analyst clicks its card's button", async () => {
    await signIn('analyst');
    const card = chrome.page.getByRole('list', { name: 'Segments', exact: true }).getByRole('listitem').first();
    const label = (await card.locator('h3').textContent()) ?? '';

    const [download] = await Promise.all([chrome.page.waitForEvent('download'), card.getByRole('button', { name: `Download the members of ${label} as CSV` }).click()]);
    const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');

    expect(download.suggestedFilename()).toMatch(/^segment-[a-z-]+-now\.csv$/);
    const segmentId = /^segment-([a-z-]+)-now\.csv$/.exec(download.suggestedFilename())?.[1];
    const assigned = await platform.sql<{ customer_id: string }>(`SELECT customer_id FROM ${platform.schema('scoring')}.assignments WHERE segment_id = $1 ORDER BY customer_id`, [segmentId]);
    expect(lines[0]).toBe('customer_id,segment_id,model_version,pca_x,pca_y,assigned_at,as_of');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(assigned.map((row) => row.customer_id));
    expect(assigned.length).toBeGreaterThan(0);
  });

  it('should offer no download to a viewer', async () => {
    await signIn('viewer');

    expect(await chrome.page.getByRole('button', { name: /^Download the members of/ }).count()).toBe(0);
  });
});
