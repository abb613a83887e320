import { readFileSync } from 'node:fs';
import { REAL_DATA_PATH } from '../../golden/golden-data';
import { parseCustomerCsvText } from '../csv/customer-csv-parser';
import { customersToMatrix } from '../features/feature-matrix';
import { FEATURES, type CustomerFeatures } from '../features/feature-schema';
import { validateCustomer } from '../features/validate-customer';
import { SEGMENT_IDS } from '../segments/segment-definitions';
import { fitSegmentationModel, type FitResult } from './fit-segmentation-model';
import { deserializeBundle, serializeBundle } from './model-bundle';
import { predict, predictMatrix } from './predict';
import { segmentCentroidCustomer, similarCustomer, SimilarCustomerError } from './similar-customer';

describe('segmentation model on the real data', () => {
  let customers: CustomerFeatures[];
  let fit: FitResult;
  beforeAll(async () => {
    customers = parseCustomerCsvText(readFileSync(REAL_DATA_PATH, 'utf8')).accepted;
    fit = await fitSegmentationModel(customers, {}, { silhouette: 'off' });
  }, 60_000);

  it('should find the four segments, each at least 5 % of the customers, when fitted with the default pipeline', () => {
    expect(fit.bundle.trainingData.rows).toBe(8950);
    expect([...fit.bundle.segments.map((s) => s.segmentId)].sort()).toEqual([...SEGMENT_IDS].sort());
    for (const cluster of fit.bundle.profiles.clusters) expect(cluster.share).toBeGreaterThanOrEqual(0.05);
  });

  it('should reproduce the fit labels exactly when predicting the training data by matrix and by record', () => {
    expect(predictMatrix(fit.bundle, customersToMatrix(customers)).clusters).toEqual(fit.labels);
    const records = customers.slice(0, 500).map((c) => ({ CUST_ID: c.customerId, ...c.features }));
    expect(predict(fit.bundle, records).map((p) => p.cluster)).toEqual(Array.from(fit.labels.subarray(0, 500)));
  });

  it('should predict identically and explain identically when the bundle went through JSON', () => {
    const restored = deserializeBundle(serializeBundle(fit.bundle));
    const records = customers.slice(0, 200).map((c) => ({ CUST_ID: c.customerId, ...c.features }));
    expect(predict(restored, records)).toEqual(predict(fit.bundle, records));
  });

  it('should keep the segment id of at least 99 % of customers when refitted with another seed against the previous model', async () => {
    const refit = await fitSegmentationModel(customers, { seed: 7, nInit: 3 }, { previous: fit.bundle, silhouette: 'off' });
    expect(refit.identity.method).toBe('previous-model');
    expect(refit.identity.unassignedClusters).toEqual([]);
    let same = 0;
    refit.assignments.forEach((id, i) => (same += id === fit.assignments[i] ? 1 : 0));
    expect(same / customers.length).toBeGreaterThanOrEqual(0.99);
  }, 60_000);

  describe.each(SEGMENT_IDS)('similarCustomer(%s)', (segmentId) => {
    it('should draw a valid customer that the model places in that segment, the same one for the same seed', () => {
      const first = similarCustomer(fit.bundle, segmentId, 11);
      const validation = validateCustomer({ CUST_ID: 'SIM-1', ...first.features });
      expect(validation.ok && validation.warnings).toEqual([]);
      for (const spec of FEATURES) {
        const value = first.features[spec.name];
        expect(value).toBeGreaterThanOrEqual(spec.min);
        expect(value).toBeLessThanOrEqual(spec.max);
        if (spec.integer) expect(Number.isInteger(value)).toBe(true);
      }
      expect(first.features.TENURE).toBeGreaterThanOrEqual(6);
      expect(first.features.PURCHASES).toBeCloseTo(first.features.ONEOFF_PURCHASES + first.features.INSTALLMENTS_PURCHASES, 2);
      expect(predict(fit.bundle, [first.features])[0].segmentId).toBe(segmentId);
      expect(similarCustomer(fit.bundle, segmentId, 11)).toEqual(first);
      expect(similarCustomer(fit.bundle, segmentId, 12).features).not.toEqual(first.features);
    });

    it('should place the centroid fallback in that segment when mapped back to original units', () => {
      const centroid = segmentCentroidCustomer(fit.bundle, segmentId);
      expect(validateCustomer({ CUST_ID: 'SIM-2', ...centroid }).ok).toBe(true);
      expect(predict(fit.bundle, [centroid])[0].segmentId).toBe(segmentId);
    });
  });

  it('should refuse a segment id the model does not have when asked for a similar customer', () => {
    expect(() => similarCustomer(fit.bundle, 'big-spenders', 1)).toThrow(
      new SimilarCustomerError(`unknown segment id "big-spenders": this model has ${fit.bundle.segments.map((s) => s.segmentId).join(', ')}`),
    );
  });
});
