import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { MlflowClient, mlflowConfigFromEnv } from '@seg/mlflow';
import { waitFor } from '@seg/platform-client';
import type { Locator } from 'playwright-core';
import { ARTIFACTS, buildWebClient, IsolatedPlatform, REAL_DATA, REAL_ROWS, saveOfferTitle, serveStatic, startTrainedPlatform, useChromium } from '@seg/platform-client/testing';

const SEGMENT_IDS = ['cash-advance', 'low-activity', 'revolvers', 'transactors'];

jest.setTimeout(300_000);

/** The text of every cell, row by row. */
async function cellsOf(rows: Locator): Promise<string[][]> {
  return Promise.all((await rows.all()).map((row) => row.locator('th, td').allTextContents()));
}

describe('the web client, in Chromium against the real platform', () => {
  const platform = new IsolatedPlatform();
  let web: { server: Server; origin: string };

  const screenshot = (name: string) => chrome.page.screenshot({ path: join(ARTIFACTS, `web-${name}.png`), fullPage: true });

  /** Opens the client on this platform's gateway and signs in with a token of `role`. */
  async function signIn(role: 'viewer' | 'analyst' | 'admin'): Promise<void> {
    await chrome.page.goto(`${web.origin}/?gateway=${encodeURIComponent(platform.url('gateway'))}`);
    await chrome.page.getByLabel('Access token').fill(await platform.flow.token(role));
    await chrome.page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    buildWebClient();
    web = await serveStatic();
    // The platform copies this environment; its gateway must accept the browser's origin.
    process.env.GATEWAY_CORS_ORIGINS = web.origin;
    // The first model is promoted by the gate (nothing to review yet); the one trained from the UI waits for an admin.
    process.env.TRAINING_PROMOTION_MODE = 'review';
    // A promotion made in MLflow is noticed within a second here (30 s by default).
    process.env.TRAINING_ALIAS_POLL_MS = '1000';
    await startTrainedPlatform(platform);
  }, 900_000);

  const chrome = useChromium();

  afterAll(async () => {
    web?.server.close();
    await platform.stop();
  });

  it('should draw all 8,950 customers and four segment cards after a viewer signs in, without the form or Train', async () => {
    const started = Date.now();
    await signIn('viewer');
    await chrome.page.locator('canvas[data-complete="true"]').waitFor();
    const drawnMs = Date.now() - started;
    // The overview loads on its own query: on a busy machine the map can be drawn first.
    await chrome.page.getByRole('list', { name: 'Segments', exact: true }).getByRole('listitem').first().waitFor();
    await screenshot('overview-map');

    expect(await chrome.page.locator('canvas').getAttribute('data-points')).toBe(String(REAL_ROWS));
    expect(await chrome.page.getByRole('list', { name: 'Segments', exact: true }).getByRole('listitem').count()).toBe(4);
    expect(await chrome.page.getByRole('list', { name: 'Segments on the map', exact: true }).getByRole('button').count()).toBe(4);
    // A viewer sees neither the form nor Train.
    expect(await chrome.page.getByRole('button', { name: 'Predict' }).count()).toBe(0);
    expect(await chrome.page.getByRole('button', { name: 'Train' }).count()).toBe(0);
    expect(await chrome.page.getByRole('button', { name: /^Download the members of/ }).count()).toBe(0);
    console.log(`web: sign-in to a drawn map of ${REAL_ROWS} points in ${drawnMs} ms`);
  });

  // Before any test trains or promotes: the assignments do not move while the file is compared with them.
  it("should download a segment's members as a CSV file equal to its assignments when an analyst clicks its card's button", async () => {
    await signIn('analyst');
    const card = chrome.page.getByRole('list', { name: 'Segments', exact: true }).getByRole('listitem').first();
    await card.waitFor();
    const label = (await card.locator('h3').textContent()) ?? '';

    const [download] = await Promise.all([chrome.page.waitForEvent('download'), card.getByRole('button', { name: `Download the members of ${label} as CSV` }).click()]);
    const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');

    const segmentId = /^segment-([a-z-]+)-now\.csv$/.exec(download.suggestedFilename())?.[1];
    expect(SEGMENT_IDS).toContain(segmentId);
    const assigned = await platform.sql<{ customer_id: string }>(`SELECT customer_id FROM ${platform.schema('scoring')}.assignments WHERE segment_id = $1 ORDER BY customer_id`, [segmentId]);
    expect(lines[0]).toBe('customer_id,segment_id,model_version,pca_x,pca_y,assigned_at,as_of');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(assigned.map((row) => row.customer_id));
    expect(assigned.length).toBeGreaterThan(0);
  });

  it('should fit a tablet (768 × 1024) without horizontal scroll and show a hovered customer\'s key features', async () => {
    await chrome.page.setViewportSize({ width: 768, height: 1024 });
    await signIn('analyst');
    const canvas = chrome.page.locator('canvas[data-complete="true"]');
    await canvas.waitFor();
    await chrome.page.getByRole('list', { name: 'Segments', exact: true }).locator('dl.traits').first().waitFor();
    // The map sits below the overview at this width: the pointer can only reach it on screen.
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the map canvas has no layout box at 768 px');
    // Where customers are drawn depends on the model (outliers can squeeze the rest into a corner): aim at pixels of another colour than the background.
    const painted = await chrome.page.evaluate<[number, number][]>(`(() => {
      const canvas = document.querySelector('canvas');
      const { data, width } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const found = [];
      const differs = (i) => data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2];
      for (let i = 0; i < data.length && found.length < 200; i += 4 * 7) if (differs(i)) found.push([((i >> 2) % width) / ratio, Math.floor((i >> 2) / width) / ratio]);
      return found;
    })()`);
    const tooltip = chrome.page.locator('.tooltip');
    for (const [x, y] of painted) {
      await chrome.page.mouse.move(box.x + x, box.y + y);
      if ((await tooltip.count()) > 0) break;
    }
    await tooltip.getByText('Credit limit').waitFor();
    await screenshot('tablet');

    // A string: this project's TypeScript has no DOM types, the page has.
    const overflow = await chrome.page.evaluate<{ scrollWidth: number; innerWidth: number }>('({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })');
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    expect(box.width).toBeLessThanOrEqual(768);
    expect(await chrome.page.getByRole('list', { name: 'Segments', exact: true }).getByRole('listitem').count()).toBe(4);
  });

  it('should predict each segment, with its offer, for a similar customer generated from that segment', async () => {
    await signIn('analyst');
    await chrome.page.locator('canvas[data-complete="true"]').waitFor();
    // The form comes with the overview's segments, which can arrive after the map is drawn.
    await chrome.page.getByLabel('Segment', { exact: true }).locator('option').first().waitFor({ state: 'attached' });
    const labels = new Map<string, string>();
    for (const option of await chrome.page.getByLabel('Segment', { exact: true }).locator('option').all()) {
      labels.set((await option.getAttribute('value')) ?? '', (await option.textContent()) ?? '');
    }
    expect([...labels.keys()].sort()).toEqual(SEGMENT_IDS);

    for (const [segmentId, label] of labels) {
      await chrome.page.getByLabel('Segment', { exact: true }).selectOption(segmentId);
      await chrome.page.getByLabel('Seed (optional)').fill('7');
      await chrome.page.getByRole('button', { name: 'Generate similar customer' }).click();
      await chrome.page.getByText('Generated with seed 7').waitFor();
      await chrome.page.getByRole('button', { name: 'Predict' }).click();
      const heading = chrome.page.getByRole('heading', { name: `Segment: ${label}` });
      await heading.waitFor();
      await screenshot(`predict-${segmentId}`);
      expect(await chrome.page.locator('.result .offer').textContent()).toMatch(/^Offer: .+/);
    }
  });

  it('should show the range and block Predict when a value is out of range, without calling the API', async () => {
    await signIn('analyst');
    await chrome.page.getByRole('button', { name: 'Generate similar customer' }).click();
    await chrome.page.getByText(/Generated with seed \d+/).waitFor();
    let predictions = 0;
    chrome.page.on('request', (request) => {
      if (request.postData()?.includes('PredictSegment')) predictions++;
    });
    await chrome.page.getByLabel('Purchase frequency (share, 0 to 1)', { exact: true }).fill('1.7');
    await screenshot('out-of-range');

    expect(await chrome.page.getByText('Out of range: 0 to 1.').count()).toBe(1);
    expect(await chrome.page.getByRole('button', { name: 'Predict' }).isDisabled()).toBe(true);
    await chrome.page.getByLabel('Purchase frequency (share, 0 to 1)', { exact: true }).press('Enter');
    expect(predictions).toBe(0);
  });

  it("should show an analyst the model's health with a status per drift signal", async () => {
    await signIn('analyst');
    const signals = chrome.page.getByRole('list', { name: 'Drift signals' }).getByRole('listitem');
    await signals.first().waitFor();
    await screenshot('model-health');

    expect(await signals.count()).toBe(4);
    const statuses = await Promise.all((await signals.all()).map((signal) => signal.getAttribute('data-status')));
    for (const status of statuses) expect(status).toMatch(/^(ok|watch|alert|insufficient-data|no-reference)$/);
    // Every customer was scored by the re-score after the first promotion: the population and the shares are judged.
    expect(statuses[1]).toMatch(/^(ok|watch|alert)$/);
    expect(statuses[2]).toMatch(/^(ok|watch|alert)$/);
    expect(await chrome.page.getByRole('table', { name: 'Segment shares now and at training' }).getByRole('row').count()).toBeGreaterThanOrEqual(5);
  });

  it('should train from the UI as admin, show the waiting run\'s move matrix and overlay, and promote it', async () => {
    await signIn('admin');
    await chrome.page.getByRole('button', { name: 'Train' }).click();
    await chrome.page.getByText(/^(Awaiting review|Not promoted):/).waitFor({ timeout: 280_000 });
    await screenshot('train');

    expect(await chrome.page.locator('.run').textContent()).toMatch(/awaiting-review, stage review/);
    expect(await chrome.page.locator('.gate li').count()).toBeGreaterThan(0);
    const matrix = chrome.page.getByRole('table', { name: 'Move matrix' });
    await matrix.waitFor();
    // Four segments and "unassigned", both ways; every customer counted once.
    expect(await matrix.locator('tbody tr').count()).toBe(5);
    const cells = (await matrix.locator('tbody td').allTextContents()).map((text) => Number(text.replace(/,/g, '')));
    expect(cells).toHaveLength(25);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(REAL_ROWS);
    const overlay = chrome.page.locator('.overlay canvas');
    await overlay.waitFor();
    expect(Number(await overlay.getAttribute('data-points'))).toBeGreaterThan(REAL_ROWS * 0.9);
    await screenshot('review');

    await chrome.page.getByRole('button', { name: 'Promote' }).click();
    // A local token carries no name: its subject (demo) stands in.
    await chrome.page.getByRole('list', { name: 'History' }).getByText(/^promoted by demo at /).waitFor();

    expect(await chrome.page.locator('.review').textContent()).toMatch(/succeeded/);
    expect(await chrome.page.getByRole('button', { name: 'Promote' }).count()).toBe(0);
    await chrome.page.locator('canvas[data-complete="true"]').waitFor();
    expect(await chrome.page.locator('canvas[data-complete]').getAttribute('data-points')).toBe(String(REAL_ROWS));
  });

  it('should follow a promotion made in MLflow, refuse promoting or rejecting to a viewer and an analyst, and the audit to a viewer', async () => {
    const admin = await platform.flow.gateway('admin');
    const [run] = (await admin.query<{ trainingRuns: { id: string; modelVersion: string }[] }>(`{ trainingRuns(first: 1) { id modelVersion } }`)).trainingRuns;
    for (const role of ['viewer', 'analyst'] as const) {
      const caller = await platform.flow.gateway(role);
      for (const mutation of [`mutation { promoteModel(runId: "${run.id}") { version } }`, `mutation { rejectModel(runId: "${run.id}", reason: "no") { status } }`]) {
        const answer = await caller.send(mutation);
        expect(answer.data).toBeNull();
        expect(answer.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      }
      const audit = await caller.send('{ modelAudit(first: 1) { action } }');
      expect(audit.errors.map((e) => e.extensions?.code)).toEqual(role === 'viewer' ? ['FORBIDDEN'] : []);
    }
    const scoringModel = async () => (await admin.query<{ scoringModel: { version: string } }>(`{ scoringModel { version } }`)).scoringModel.version;
    expect(await scoringModel()).toBe(run.modelVersion);

    await new MlflowClient(mlflowConfigFromEnv(platform.environment)).setAlias(platform.modelName, 'champion', '1');
    await waitFor(
      'the alias moved in MLflow, scored',
      async () => {
        const { scoringModel: model, rescoreProgress: job } = await admin.query<{ scoringModel: { version: string }; rescoreProgress: { modelVersion: string; status: string } }>(
          `{ scoringModel { version } rescoreProgress { modelVersion status } }`,
        );
        return { done: model.version === '1' && job.modelVersion === '1' && job.status === 'succeeded', status: `scoring ${model.version}, re-score of ${job.modelVersion} ${job.status}` };
      },
      { timeoutSeconds: 120 },
    );

    const [entry] = (await admin.query<{ modelAudit: { action: string; modelVersion: string; callerId: string }[] }>(`{ modelAudit(first: 1) { action modelVersion callerId } }`)).modelAudit;
    expect(entry).toEqual({ action: 'promote', modelVersion: '1', callerId: 'mlflow' });
    expect(Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM ${platform.schema('scoring')}.assignments WHERE model_version = '1'`))[0].n)).toBe(REAL_ROWS);
  });

  it('should let an admin edit an offer and show the edit, who and when, in its audit trail and on the segment card', async () => {
    const admin = await platform.flow.gateway('admin');
    const { offer } = await admin.query<{ offer: { title: string } }>(`{ offer(segmentId: "revolvers") { title } }`);
    const changed = `Move your balance, pay less interest (${platform.id})`;
    await signIn('admin');
    const latest = await saveOfferTitle(chrome.page, 'revolvers', offer.title, changed);
    await screenshot('offer-audit');

    expect(await latest.locator('strong').textContent()).toBe('demo');
    expect(await latest.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await cellsOf(latest.locator('tbody tr'))).toEqual([['Title', offer.title, changed]]);
    await chrome.page.getByRole('list', { name: 'Segments', exact: true }).getByText(`Offer: ${changed}`, { exact: false }).waitFor();
    const { offerAudit } = await admin.query<{ offerAudit: { changedBy: string; after: { title: string } }[] }>(`{ offerAudit(segmentId: "revolvers", first: 1) { changedBy after { title } } }`);
    expect(offerAudit).toEqual([{ changedBy: 'demo', after: { title: changed } }]);
  });

  it('should upload a CSV with bad rows as admin and list them with line, column and reason, downloadable, after refusing a file that is not CSV', async () => {
    // A stored customer as it is (unchanged: nothing moves on the map) and two rows the platform refuses.
    const [header, first] = (await readFile(REAL_DATA, 'utf8')).split(/\r?\n/, 2);
    const csv = `${header}\n${first}\n${first.replace(/^C\d+,[^,]+/, 'E2E-BAD-1,abc')}\nE2E-BAD-2,1,2\n`;
    await signIn('admin');
    const panel = chrome.page.getByRole('region', { name: 'Upload customers' });
    const chooser = panel.getByLabel('CSV file');

    await chooser.setInputFiles({ name: 'customers.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 not customers') });
    expect(await panel.getByRole('alert').textContent()).toMatch(/^“customers.pdf” cannot be uploaded: it is a PDF document\./);
    expect(await panel.getByRole('button', { name: 'Upload' }).isDisabled()).toBe(true);

    await chooser.setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await panel.getByRole('button', { name: 'Upload' }).click();
    const table = panel.getByRole('table', { name: 'Rejected rows' });
    await table.locator('tbody tr').nth(1).waitFor();
    await screenshot('upload-rejected');

    expect(await panel.getByRole('status').textContent()).toMatch(/^Batch [\w-]+: 1 of 3 rows accepted\.$/);
    expect(await cellsOf(table.locator('tbody tr'))).toEqual([
      ['3', 'BALANCE', 'E2E-BAD-1', "BALANCE: not a number ('abc')"],
      ['4', '(whole row)', 'E2E-BAD-2', 'expected 18 fields, found 3'],
    ]);
    const [download] = await Promise.all([chrome.page.waitForEvent('download'), panel.getByRole('button', { name: 'Download rejected rows (CSV)' }).click()]);
    const downloaded = (await readFile(await download.path(), 'utf8')).split('\r\n');
    expect(downloaded.slice(0, 2)).toEqual(['line,column,customer_id,reason,row', `3,BALANCE,E2E-BAD-1,BALANCE: not a number ('abc'),"${first.replace(/^C\d+,[^,]+/, 'E2E-BAD-1,abc')}"`]);
    expect(downloaded[2]).toBe('4,,E2E-BAD-2,"expected 18 fields, found 3","E2E-BAD-2,1,2"');
  });

  it('should show an analyst neither the offer editor nor the upload, and the gateway refuse their upload', async () => {
    await signIn('analyst');
    // The analyst's panels are there, so the dashboard has rendered: the admin ones are absent, not late.
    await chrome.page.getByRole('list', { name: 'Drift signals' }).getByRole('listitem').first().waitFor();
    await screenshot('analyst-no-admin-panels');

    expect(await chrome.page.getByRole('region', { name: 'Offers' }).count()).toBe(0);
    expect(await chrome.page.getByRole('region', { name: 'Upload customers' }).count()).toBe(0);
    expect(await chrome.page.getByRole('button', { name: 'Save offer' }).count()).toBe(0);
    expect(await chrome.page.getByLabel('CSV file').count()).toBe(0);
    const upload = await fetch(new URL('/v1/customers/csv', platform.url('gateway')), {
      method: 'POST',
      headers: { authorization: `Bearer ${await platform.flow.token('analyst')}`, 'content-type': 'text/csv' },
      body: 'CUST_ID\n',
    });
    expect(upload.status).toBe(403);
    expect(((await upload.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
