import { createTestBundle, syntheticTrainingData } from '../testing';
import { deserializeBundle, ModelBundleError, serializeBundle, type ModelBundle } from './model-bundle';
import { predictMatrix } from './predict';

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
    const future = { ...JSON.parse(serializeBundle(bundle)), schemaVersion: 2, centroids: 'anything' };
    expect(problemsOf(() => deserializeBundle(future))).toEqual(['unsupported schemaVersion 2: this build reads version 1']);
    expect(problemsOf(() => deserializeBundle({ kind: 'customer-segmentation' }))).toEqual(['unsupported schemaVersion undefined: this build reads version 1']);
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
    expect(problemsOf(() => deserializeBundle('{"schemaVersion": 1,'))[0]).toMatch(/^not valid JSON/);
    expect(problemsOf(() => deserializeBundle('[1]'))).toEqual(['expected a JSON object, got an array']);
  });
});
