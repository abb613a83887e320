import { readFileSync } from 'node:fs';
import { CHARTS, chartReadmePath, renderChartReadme, valueDocs } from './helm-docs';

describe('chart READMEs', () => {
  it.each(CHARTS)('should match what npm run deploy:docs generates from the %s values', (chart) => {
    expect(readFileSync(chartReadmePath(chart), 'utf8')).toBe(renderChartReadme(chart));
  });

  it.each(CHARTS)('should document every %s value, secrets only as references to existing Secrets', (chart) => {
    const docs = valueDocs(chart);
    expect(docs.length).toBeGreaterThan(10);
    for (const doc of docs.filter((d) => /secret/i.test(d.key) && d.type === 'string')) expect(doc.key).toMatch(/existingSecret|Key$|tlsSecret/);
  });
});
