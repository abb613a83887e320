/**
 * `@seg/platform-client/testing`: a whole platform of one's own on the local stack, for the e2e tests and the
 * benchmarks, and the web client's build served as a static host would.
 */
export { ARTIFACTS, IsolatedPlatform, ROOT, SERVICES, type ServiceName } from './isolated-platform';
export { buildWebClient, CHROMIUM, REAL_DATA, REAL_ROWS, saveOfferTitle, serveStatic, startTrainedPlatform, useChromium, WEB_DIST } from './web-client';
