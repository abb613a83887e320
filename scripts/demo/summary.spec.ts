import { summaryLines, type DemoSummary } from './summary';

const summary: DemoSummary = {
  segments: [
    { id: 'low-activity', label: 'Low activity', size: 100, share: 0.1, offer: { title: 'Activation bonus' } },
    { id: 'transactors', label: 'Transactors', size: 600, share: 0.6, offer: { title: 'Cash-back upgrade' } },
    { id: 'cash-advance', label: 'Cash advance', size: 300, share: 0.3, offer: null },
  ],
  championModel: { version: '3', mlflowRunUrl: 'http://mlflow/run/1', metrics: { silhouette: 0.2512, daviesBouldin: 1.19 } },
};
const addresses = { webUrl: 'http://web:8080', gatewayUrl: 'http://gw/graphql', mlflowUrl: 'http://mlflow', signIn: { mode: 'local', token: 'tok' } as const, customers: 1000 };

describe('summaryLines', () => {
  it('should list segments largest first with size, share and offer when a champion exists', () => {
    const lines = summaryLines(summary, addresses);
    const segmentLines = lines.filter((l) => l.includes('offer:'));
    expect(segmentLines.map((l) => l.trim().split(/\s+/)[0])).toEqual(['Transactors', 'Cash', 'Low']);
    expect(segmentLines[0]).toMatch(/600\s+60\.0 %\s+offer: Cash-back upgrade/);
    expect(segmentLines[1]).toContain('offer: (none)');
    expect(lines).toContain('Segments of 1,000 customers (champion model v3):');
  });

  it('should print only the metrics the model has, with three decimals', () => {
    const lines = summaryLines(summary, addresses);
    expect(lines.some((l) => l.includes('silhouette') && l.endsWith('0.251'))).toBe(true);
    expect(lines.some((l) => l.includes('Calinski'))).toBe(false);
  });

  it('should end with the addresses, the token and how to stop', () => {
    const lines = summaryLines({ ...summary, championModel: null }, addresses);
    expect(lines).toEqual(expect.arrayContaining([expect.stringContaining('http://web:8080'), expect.stringContaining('http://gw/graphql'), expect.stringContaining('tok'), 'Stop everything with: npm run down']));
    expect(lines.some((l) => l.includes('Model quality'))).toBe(false);
  });

  it('should name the provider, the realm users and a machine client curl when the demo signs in through Keycloak', () => {
    const lines = summaryLines(summary, { ...addresses, signIn: { mode: 'oidc', issuer: 'http://127.0.0.1:8180/realms/segmentation' } });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Sign-in +http:\/\/127\.0\.0\.1:8180\/realms\/segmentation \(Keycloak; admin console http:\/\/127\.0\.0\.1:8180\/admin\)$/),
        expect.stringContaining('people: ada (admin), alan (analyst), vera (viewer), password segmentation'),
        expect.stringContaining('curl -s -d grant_type=client_credentials -d client_id=segmentation-machine'),
      ]),
    );
    expect(lines.some((l) => l.startsWith('Admin token'))).toBe(false);
  });
});
