import { loadRuntimeConfig, RuntimeConfigError } from './runtime-config';

const origin = 'http://127.0.0.1:8080';

describe('loadRuntimeConfig', () => {
  it('should take the gateway from ?gateway= without fetching config.json when the query gives one', async () => {
    const fetched: string[] = [];
    const config = await loadRuntimeConfig({ origin, search: '?gateway=http%3A%2F%2F127.0.0.1%3A4999%2Fgraphql' }, async (url) => fetched.push(url));
    expect(config).toEqual({ gatewayUrl: 'http://127.0.0.1:4999/graphql' });
    expect(fetched).toEqual([]);
  });

  it('should read config.json beside the page when the query has no gateway', async () => {
    const fetched: string[] = [];
    const config = await loadRuntimeConfig({ origin, search: '' }, async (url) => {
      fetched.push(url);
      return { gatewayUrl: 'http://127.0.0.1:4000/graphql' };
    });
    expect(config.gatewayUrl).toBe('http://127.0.0.1:4000/graphql');
    expect(fetched).toEqual([`${origin}/config.json`]);
  });

  it('should fail with a sentence when config.json is missing or has no gatewayUrl', async () => {
    await expect(loadRuntimeConfig({ origin, search: '' }, async () => Promise.reject(new Error('404')))).rejects.toThrow(RuntimeConfigError);
    await expect(loadRuntimeConfig({ origin, search: '' }, async () => ({}))).rejects.toThrow('config.json is missing or has no gatewayUrl');
  });
});
