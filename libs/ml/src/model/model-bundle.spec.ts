import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_NAMES } from '../features/feature-schema';
import { createTestBundle, syntheticTrainingData } from '../testing';
import { deserializeBundle, ModelBundleError, serializeBundle, type ModelBundle } from './model-bundle';
import { predict, predictMatrix } from './predict';

// Written by the version 1 code (main before issue 20): createTestBundle({ rows: 300, seed: 11 }).
const V1_BUNDLE = readFileSync(join(__dirname, 'fixtures/model-bundle-v1.json'), 'utf8').trimEnd();

function problemsOf(attempt: () => unknown): readonly string[] {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ModelBundleError) return error.problems;
    throw error;
  }
  throw new Error('expected a ModelBundleError');
}

describe('deserializeBundle', () => {
  let bundle: ModelBundle;
  beforeAll(async () => {
    bundle = await createTestBundle();
  });

  it('should give back an identical bundle that predicts identically when serialized and deserialized', () => {
    const text = serializeBundle(bundle);
    const restored = deserializeBundle(text);
    expect(restored).toEqual(bundle);
    expect(serializeBundle(restored)).toBe(text);
    const raw = syntheticTrainingData(300, 99).matrix;
    const before = predictMatrix(bundle, raw);
    const after = predictMatrix(restored, raw);
    expect(after.clusters).toEqual(before.clusters);
    expect(after.distances).toEqual(before.distances);
    expect(after.pca).toEqual(before.pca);
  });

  it('should accept an already parsed object when given one', () => {
    expect(deserializeBundle(JSON.parse(serializeBundle(bundle)))).toEqual(bundle);
  });

  it('should refuse an unknown schema version before looking at the shape when the version differs', () => {
    const future = { ...JSON.parse(serializeBundle(bundle)), schemaVersion: 3, centroids: 'anything' };
    expect(problemsOf(() => deserializeBundle(future))).toEqual(['unsupported schemaVersion 3: this build reads versions 1 and 2']);
    expect(problemsOf(() => deserializeBundle({ kind: 'customer-segmentation' }))).toEqual(['unsupported schemaVersion undefined: this build reads versions 1 and 2']);
  });

  it('should write schema version 2 with a reference per clustered feature when fitted', () => {
    expect(bundle.schemaVersion).toBe(2);
    expect(bundle.reference?.features.map((f) => f.feature)).toEqual(bundle.preprocessor.featureNames);
    expect(bundle.reference?.clusterSpread).toHaveLength(bundle.centroids.length);
  });

  it('should load a version 1 bundle with no reference, predict with it, and write it back unchanged', () => {
    const v1 = deserializeBundle(V1_BUNDLE);
    expect(v1.schemaVersion).toBe(1);
    expect(v1.reference).toBeNull();
    expect(serializeBundle(v1)).toBe(V1_BUNDLE);
    const records = syntheticTrainingData(5, 3);
    const predictions = predict(v1, Array.from({ length: 5 }, (_, i) => ({ CUST_ID: records.customerIds[i], ...rowRecord(records.matrix.data, i) })));
    expect(predictions.map((p) => p.cluster)).toEqual(Array.from(predictMatrix(v1, records.matrix).clusters));
    expect(predictions.every((p) => p.segmentId === v1.segments[p.cluster].segmentId)).toBe(true);
  });

  it('should refuse a version 2 bundle without a reference, and a version 1 bundle with one', () => {
    const { reference, ...withoutReference } = JSON.parse(serializeBundle(bundle));
    expect(problemsOf(() => deserializeBundle(withoutReference))).toEqual(['reference: Required']);
    expect(problemsOf(() => deserializeBundle({ ...JSON.parse(V1_BUNDLE), reference }))).toEqual([expect.stringMatching(/^\(root\): Unrecognized key\(s\) in object: 'reference'/)]);
  });

  it('should name the path of every problem in a malformed reference', () => {
    const broken = JSON.parse(serializeBundle(bundle));
    const { features, clusterSpread } = broken.reference;
    features[0].shares[0] = 'x';
    features[1].feature = 'NOT_A_FEATURE';
    delete features[2].edges;
    broken.reference.extra = true;
    expect(problemsOf(() => deserializeBundle(broken))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^reference\.features\[0\]\.shares\[0\]: Expected number/),
        expect.stringMatching(/^reference\.features\[1\]\.feature: is not a feature of the schema/),
        expect.stringMatching(/^reference\.features\[2\]\.edges: Required/),
        expect.stringMatching(/^reference: Unrecognized key\(s\) in object: 'extra'/),
      ]),
    );
    // The cross-field checks, once every value has the right type.
    const shaped = JSON.parse(serializeBundle(bundle));
    const f = shaped.reference.features;
    [f[0].feature, f[1].feature] = [f[1].feature, f[0].feature];
    f[3].edges[1] = f[3].edges[0];
    f[4].shares.pop();
    f[5].shares[0] += 0.01;
    shaped.reference.clusterSpread = clusterSpread.slice(1);
    shaped.reference.features = f.slice(0, -1);
    const d = bundle.preprocessor.featureNames.length;
    expect(problemsOf(() => deserializeBundle(shaped))).toEqual([
      `reference.features has ${d - 1} values, expected ${d} (one per clustered feature)`,
      `reference.features[0].feature is ${f[0].feature}, expected ${f[1].feature} (the clustered features in order)`,
      `reference.features[1].feature is ${f[1].feature}, expected ${f[0].feature} (the clustered features in order)`,
      `reference.features[3].edges[1] is ${f[3].edges[1]}, not above the edge before it (edges ascend strictly)`,
      `reference.features[4].shares has ${f[4].shares.length} values, expected ${f[4].edges.length + 1} (one per bin: edges + 1)`,
      expect.stringMatching(/^reference\.features\[4\]\.shares add up to 0\.\d+, expected 1$/),
      expect.stringMatching(/^reference\.features\[5\]\.shares add up to 1\.01\d*, expected 1$/),
      `reference.clusterSpread has ${bundle.centroids.length - 1} values, expected ${bundle.centroids.length} (one per centroid)`,
    ]);
  });

  it('should name the path of every bad value when the shape is wrong', () => {
    const broken = JSON.parse(serializeBundle(bundle));
    const d = broken.centroids[0].length;
    broken.centroids[2] = broken.centroids[2].slice(1);
    broken.pca.components[1][3] = 'x';
    broken.segments[0].segmentId = 'big-spenders';
    delete broken.trainingData.rows;
    const problems = problemsOf(() => deserializeBundle(broken));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pca\.components\[1\]\[3\]: Expected number/),
        expect.stringMatching(/^segments\[0\]\.segmentId: Invalid enum value/),
        expect.stringMatching(/^trainingData\.rows: Required/),
      ]),
    );
    // Cross-field checks run only once the field types are right, so fix those and look again.
    const onlyLength = JSON.parse(serializeBundle(bundle));
    onlyLength.centroids[2] = onlyLength.centroids[2].slice(1);
    expect(problemsOf(() => deserializeBundle(onlyLength))).toEqual([`centroids[2] has ${d - 1} values, expected ${d} (one per clustered feature)`]);
  });

  it('should report a cluster-order or duplicate-id problem when segments disagree with the centroids', () => {
    const broken = JSON.parse(serializeBundle(bundle));
    broken.segments[0].segmentId = 'transactors';
    broken.segments[1].segmentId = 'transactors';
    broken.segments[1].cluster = 0;
    expect(problemsOf(() => deserializeBundle(broken))).toEqual([
      'segments[1].cluster is 0, expected 1 (segments are in cluster order)',
      'segments give one segment id to several clusters: transactors',
    ]);
  });

  it('should say so when the text is not JSON or not an object', () => {
    expect(problemsOf(() => deserializeBundle('{"schemaVersion": 2,'))[0]).toMatch(/^not valid JSON/);
    expect(problemsOf(() => deserializeBundle('[1]'))).toEqual(['expected a JSON object, got an array']);
  });
});

function rowRecord(data: Float64Array, row: number): Record<string, number | null> {
  return Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, Number.isNaN(data[row * FEATURE_NAMES.length + j]) ? null : data[row * FEATURE_NAMES.length + j]]));
}
