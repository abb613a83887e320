import { clientCredentialsToken, LOCAL_REALM, renewingToken } from '@seg/identity';
import { createThrowawayRealm, ensureKeycloak, type ThrowawayRealm } from '@seg/identity/testing';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { ARTIFACTS, buildWebClient, IsolatedPlatform, REAL_DATA, saveOfferTitle, serveStatic, startTrainedPlatform, useChromium } from '@seg/platform-client/testing';
/** The web client's tokens in this realm: renewed 60 s before expiry, so within about 15 s of signing in. */
const WEB_TOKEN_LIFESPAN_SECONDS = 75;

jest.setTimeout(300_000);

describe('the web client signed in through Keycloak (AUTH_MODE=oidc), in Chromium against the real platform', () => {
  let realm: ThrowawayRealm;
  let platform: IsolatedPlatform;
  let web: { server: Server; origin: string };

  const screenshot = (name: string) => chrome.page.screenshot({ path: join(ARTIFACTS, `web-oidc-${name}.png`), fullPage: true });
  /** The authorization header of each request the page sends to the gateway. */
  const gatewayTokens = (into: string[]) => (request: Request) => {
    if (request.url() === platform.url('gateway')) into.push(request.headers().authorization ?? '');
  };

  /** From the client's Sign in button to the provider's login page and back, signed in as `username`. */
  async function signIn(username: string): Promise<void> {
    await chrome.page.goto(`${web.origin}/?gateway=${encodeURIComponent(platform.url('gateway'))}`);
    await chrome.page.getByRole('button', { name: 'Sign in' }).click();
    await chrome.page.waitForURL((url) => url.href.startsWith(realm.issuer));
    await chrome.page.locator('#username').fill(username);
    await chrome.page.locator('#password').fill(LOCAL_REALM.password);
    await chrome.page.locator('#kc-login').click();
    await chrome.page.waitForURL((url) => url.origin === web.origin);
  }

  beforeAll(async () => {
    buildWebClient();
    await ensureKeycloak();
    // What a deployment writes beside the bundle: the provider and the public client; the gateway comes from ?gateway=.
    web = await serveStatic({ config: () => ({ gatewayUrl: platform.url('gateway'), auth: { mode: 'oidc', authority: realm.issuer, clientId: LOCAL_REALM.webClientId } }) });
    realm = await createThrowawayRealm({ prefix: 'e2e', webOrigin: web.origin, webAccessTokenLifespanSeconds: WEB_TOKEN_LIFESPAN_SECONDS });
    const operator = renewingToken(() => clientCredentialsToken({ issuer: realm.issuer, ...LOCAL_REALM.operatorClient }));
    const machine = renewingToken(() => clientCredentialsToken({ issuer: realm.issuer, ...LOCAL_REALM.machineClient }));
    platform = new IsolatedPlatform({
      env: { AUTH_MODE: 'oidc', GATEWAY_OIDC_ISSUER: realm.issuer, GATEWAY_CORS_ORIGINS: web.origin },
      // Automation's tokens: the operator client (admin) trains, the machine client (analyst) reads.
      tokens: (role) => (role === 'admin' ? operator : machine),
    });
    await startTrainedPlatform(platform);
  }, 900_000);

  const chrome = useChromium();

  afterAll(async () => {
    web?.server.close();
    await platform?.stop();
    await realm?.delete();
  });

  it('should sign an analyst in on the provider’s page, renew the token before it expires, predict with the new one, and sign out at the provider', async () => {
    const tokens: string[] = [];
    chrome.page.on('request', gatewayTokens(tokens));
    await signIn(LOCAL_REALM.users.analyst);
    await chrome.page.getByText(`Signed in as ${LOCAL_REALM.users.analyst} (analyst)`).waitFor();
    await chrome.page.getByRole('button', { name: 'Generate similar customer' }).waitFor();
    await screenshot('analyst');
    expect(await chrome.page.getByRole('button', { name: 'Train' }).count()).toBe(0);
    const first = tokens[0];

    // oidc-client-ts renews with the refresh token a minute before expiry.
    await chrome.page.waitForResponse(
      (response) => response.url() === `${realm.issuer}/protocol/openid-connect/token` && (response.request().postData() ?? '').includes('grant_type=refresh_token') && response.ok(),
      { timeout: WEB_TOKEN_LIFESPAN_SECONDS * 1000 },
    );
    await chrome.page.getByLabel('Seed (optional)').fill('7');
    await chrome.page.getByRole('button', { name: 'Generate similar customer' }).click();
    await chrome.page.getByText('Generated with seed 7').waitFor();
    await chrome.page.getByRole('button', { name: 'Predict' }).click();
    await chrome.page.getByRole('heading', { name: /^Segment: / }).waitFor();
    await screenshot('analyst-predicted');

    expect(first).toMatch(/^Bearer ey/);
    expect(tokens.at(-1)).toMatch(/^Bearer ey/);
    expect(tokens.at(-1)).not.toBe(first);
    expect(await chrome.page.locator('.result .offer').textContent()).toMatch(/^Offer: .+/);

    await chrome.page.getByRole('button', { name: 'Sign out' }).click();
    await chrome.page.waitForURL((url) => url.origin === web.origin);
    await chrome.page.getByRole('button', { name: 'Sign in' }).click();
    // The provider's session ended with the client's: its login page asks again instead of signing straight back in.
    await chrome.page.locator('#username').waitFor();
    expect(chrome.page.url().startsWith(realm.issuer)).toBe(true);
  });

  it('should sign an admin in on the provider’s page and train from the UI', async () => {
    await signIn(LOCAL_REALM.users.admin);
    await chrome.page.getByText(`Signed in as ${LOCAL_REALM.users.admin} (admin)`).waitFor();
    await chrome.page.getByRole('button', { name: 'Train' }).click();
    await chrome.page.getByText(/^(Promoted|Not promoted):/).waitFor({ timeout: 280_000 });
    await screenshot('admin-trained');

    expect(await chrome.page.locator('.run').textContent()).toMatch(/succeeded, stage done/);
    // The run's history in the review panel and in the audit: the person's name from the provider, then the gate if it promoted.
    await chrome.page.getByRole('list', { name: 'History' }).getByText(new RegExp(`^training started by ${LOCAL_REALM.users.admin} `)).waitFor();
    const admin = await platform.flow.gateway('admin');
    const [run] = (await admin.query<{ trainingRuns: { id: string; gate: { passed: boolean } | null }[] }>('{ trainingRuns(first: 1) { id gate { passed } } }')).trainingRuns;
    const { modelAudit } = await admin.query<{ modelAudit: { action: string; callerName: string }[] }>('query ($id: ID!) { modelAudit(trainingRunId: $id) { action callerName } }', { id: run.id });
    expect(modelAudit).toEqual([...(run.gate?.passed ? [{ action: 'promote', callerName: 'gate' }] : []), { action: 'train', callerName: LOCAL_REALM.users.admin }]);
  });

  it('should let an admin signed in on the provider’s page edit an offer, audited under their name, and upload customers with their token', async () => {
    const admin = await platform.flow.gateway('admin');
    const { offer } = await admin.query<{ offer: { title: string } }>('{ offer(segmentId: "transactors") { title } }');
    const changed = `Cash back on every purchase (${platform.id})`;
    await signIn(LOCAL_REALM.users.admin);
    const latest = await saveOfferTitle(chrome.page, 'transactors', offer.title, changed);

    const [header, first] = (await readFile(REAL_DATA, 'utf8')).split(/\r?\n/, 2);
    const panel = chrome.page.getByRole('region', { name: 'Upload customers' });
    await panel.getByLabel('CSV file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${first}\nE2E-OIDC-BAD,1,2\n`) });
    await panel.getByRole('button', { name: 'Upload' }).click();
    await panel.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr').first().waitFor();
    await screenshot('admin-offer-upload');

    expect(await latest.locator('strong').textContent()).toBe(LOCAL_REALM.users.admin);
    expect(await panel.getByRole('status').textContent()).toMatch(/^Batch [\w-]+: 1 of 2 rows accepted\.$/);
    expect(await panel.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr td').allTextContents()).toEqual(['3', '(whole row)', 'E2E-OIDC-BAD', 'expected 18 fields, found 3']);
  });
});
