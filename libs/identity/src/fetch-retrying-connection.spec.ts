import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchRetryingConnection } from './fetch-retrying-connection';

describe(fetchRetryingConnection.name, () => {
  let server: Server;
  let url: string;
  let requests = 0;
  /** How many requests in a row the server hangs up on without answering. */
  let hangUps = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests += 1;
      if (hangUps > 0) {
        hangUps -= 1;
        request.socket.destroy();
        return;
      }
      response.writeHead(request.url === '/missing' ? 404 : 200).end('answer');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    requests = 0;
    hangUps = 0;
  });

  it('should ask again when the server closes the connection without answering, and tell the caller', async () => {
    hangUps = 2;
    let retries = 0;

    const response = await fetchRetryingConnection(`${url}/token`, { method: 'POST', body: 'grant_type=x' }, () => (retries += 1));

    expect({ status: response.status, body: await response.text(), requests, retries }).toEqual({ status: 200, body: 'answer', requests: 3, retries: 2 });
  }, 10_000);

  it("should give up after the third failed attempt with fetch's own error", async () => {
    hangUps = 5;

    await expect(fetchRetryingConnection(`${url}/token`, {})).rejects.toThrow('fetch failed');
    expect(requests).toBe(3);
  }, 10_000);

  it('should return an HTTP error as an answer, without asking again', async () => {
    const response = await fetchRetryingConnection(`${url}/missing`, {});

    expect({ status: response.status, requests }).toEqual({ status: 404, requests: 1 });
  });
});
