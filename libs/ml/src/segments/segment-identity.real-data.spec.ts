import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCustomerCsvText } from '../csv/customer-csv-parser';
import { customersToMatrix } from '../features/feature-matrix';
import { FEATURE_NAMES } from '../features/feature-schema';
import { fitKMeansSync } from '../kmeans';
import { DEFAULT_PIPELINE_CONFIG, fitImputer, fitPreprocessor, transformImputer } from '../preprocessing';
import { identifySegments } from './segment-identity';
import { computeSegmentProfiles } from './segment-profiles';

const REAL_DATA = join(__dirname, '../../../../../shared/data/Customer Data.csv');

describe('identifySegments on the real data', () => {
  it('should give the four ids to the four clusters of the default model and keep them when retrained with another seed', () => {
    const { accepted } = parseCustomerCsvText(readFileSync(REAL_DATA, 'utf8'));
    const raw = customersToMatrix(accepted);
    const { transformed } = fitPreprocessor(raw, DEFAULT_PIPELINE_CONFIG);
    const model = fitKMeansSync(transformed, 4, { seed: DEFAULT_PIPELINE_CONFIG.seed, nInit: DEFAULT_PIPELINE_CONFIG.nInit });
    const imputed = transformImputer(raw, fitImputer(raw, 'median', FEATURE_NAMES));
    const profiles = computeSegmentProfiles(imputed, model.clusters, 4);

    const first = identifySegments({ profiles });
    expect(first.unassignedClusters).toEqual([]);
    expect(first.missingSegmentIds).toEqual([]);
    const byId = Object.fromEntries(first.clusters.map((c) => [c.segmentId, profiles.clusters[c.cluster].features]));
    // Each named segment really looks like its description.
    expect(byId.transactors.PRC_FULL_PAYMENT.median).toBeGreaterThan(0.5);
    expect(byId['cash-advance'].CASH_ADVANCE.median).toBeGreaterThan(1000);
    expect(byId['low-activity'].BALANCE.median).toBeLessThan(profiles.population.features.BALANCE.q25);
    expect(byId.revolvers.BALANCE.median).toBeGreaterThan(profiles.population.features.BALANCE.median);

    const retrained = fitKMeansSync(transformed, 4, { seed: 7, nInit: 3 });
    const second = identifySegments(
      { profiles: computeSegmentProfiles(imputed, retrained.clusters, 4), centroids: retrained.centroids, previous: { centroids: model.centroids, segmentIds: first.clusters.map((c) => c.segmentId) } },
    );
    expect(second.unassignedClusters).toEqual([]);
    // Same customers, same segment ids, whatever numbers K-Means gave the clusters this time.
    const idOf = (result: typeof first, labels: Int32Array, row: number) => result.clusters[labels[row]].segmentId;
    let agree = 0;
    for (let row = 0; row < raw.rows; row++) if (idOf(first, model.clusters, row) === idOf(second, retrained.clusters, row)) agree++;
    expect(agree / raw.rows).toBeGreaterThan(0.99);
  }, 60_000);
});
