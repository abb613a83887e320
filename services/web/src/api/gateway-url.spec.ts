import { besideGateway } from './gateway-url';

describe(besideGateway.name, () => {
  it("should put a path beside the gateway's GraphQL endpoint, its path prefix kept", () => {
    expect(besideGateway('http://127.0.0.1:4000/graphql', 'me').toString()).toBe('http://127.0.0.1:4000/me');
    expect(besideGateway('https://seg.example.com/api/graphql', 'v1/customers/csv').toString()).toBe('https://seg.example.com/api/v1/customers/csv');
  });

  it('should resolve an endpoint relative to the page, as the chart configures it, against the page', () => {
    expect(besideGateway('/graphql', 'me', 'https://seg.example.com/?gateway=x').toString()).toBe('https://seg.example.com/me');
    expect(besideGateway('api/graphql', 'v1/customers/csv', 'https://seg.example.com/web/').toString()).toBe('https://seg.example.com/web/api/v1/customers/csv');
  });
});
