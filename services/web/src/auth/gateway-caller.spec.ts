import { callerUrl, CallerRefusedError, fetchCaller } from './gateway-caller';

const answer = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;

describe(fetchCaller.name, () => {
  it('should ask /me beside the GraphQL endpoint, under a path prefix too', () => {
    expect(callerUrl('http://127.0.0.1:4000/graphql')).toBe('http://127.0.0.1:4000/me');
    expect(callerUrl('https://seg.bank.example/api/graphql')).toBe('https://seg.bank.example/api/me');
  });

  it('should give the name and role the gateway mapped, sending the token', async () => {
    const seen: (string | null)[] = [];
    const fetchImpl = (async (_url: string, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return new Response(JSON.stringify({ sub: 's-1', name: 'alan', role: 'analyst' }), { status: 200 });
    }) as typeof fetch;

    await expect(fetchCaller('http://127.0.0.1:4000/graphql', 'tok', fetchImpl)).resolves.toEqual({ sub: 's-1', name: 'alan', role: 'analyst' });
    expect(seen).toEqual(['Bearer tok']);
  });

  it("should refuse with the gateway's own sentence when it answers 403 or 401", async () => {
    const forbidden = fetchCaller('http://g/graphql', 't', answer(403, { errors: [{ message: 'Forbidden: no role' }] }));
    await expect(forbidden).rejects.toEqual(new CallerRefusedError(403, 'Forbidden: no role'));
    await expect(fetchCaller('http://g/graphql', 't', answer(401, 'not json'))).rejects.toThrow('The gateway answered HTTP 401.');
  });

  it('should refuse an answer without a known role', async () => {
    await expect(fetchCaller('http://g/graphql', 't', answer(200, { sub: 's', name: 'n', role: 'root' }))).rejects.toThrow('did not say who you are');
  });
});
