import { MlflowError } from './mlflow-error';
import { mlflowBatchLimits, splitLogBatch, type MetricPoint } from './log-batch';

const now = 1_700_000_000_000;

const params = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, i]));
const tags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`t${i}`, `v${i}`]));
const metrics = (count: number): MetricPoint[] => Array.from({ length: count }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), step: i }));

describe(splitLogBatch.name, () => {
  it('should send nothing when the batch is empty', () => {
    expect(splitLogBatch({}, now)).toEqual([]);
  });

  it('should put everything in one request when it is within every limit', () => {
    const chunks = splitLogBatch({ params: { k: 4, scaler: 'robust', log1p: true }, tags: { stage: 'dev' }, metrics: metrics(3) }, now);

    expect(chunks).toHaveLength(1);
    expect(chunks[0].params).toEqual([
      { key: 'k', value: '4' },
      { key: 'scaler', value: 'robust' },
      { key: 'log1p', value: 'true' },
    ]);
    expect(chunks[0].tags).toEqual([{ key: 'stage', value: 'dev' }]);
    expect(chunks[0].metrics.map((m) => m.step)).toEqual([0, 1, 2]);
  });

  it('should default step to 0 and timestamp to now when a metric has neither', () => {
    const [chunk] = splitLogBatch(
      {
        metrics: [
          { key: 'silhouette', value: 0.41 },
          { key: 'inertia', value: 7, step: 3, timestamp: 5 },
        ],
      },
      now,
    );

    expect(chunk.metrics).toEqual([
      { key: 'silhouette', value: 0.41, step: 0, timestamp: now },
      { key: 'inertia', value: 7, step: 3, timestamp: 5 },
    ]);
  });

  it('should split params and tags at 100 per request when there are more', () => {
    const chunks = splitLogBatch({ params: params(250), tags: tags(120) }, now);

    expect(chunks.map((c) => [c.params.length, c.tags.length])).toEqual([
      [100, 0],
      [100, 0],
      [50, 100],
      [0, 20],
    ]);
    expect(chunks.flatMap((c) => c.params.map((p) => p.key))).toEqual(Object.keys(params(250)));
  });

  it('should split metrics at 1000 per request and keep the 1000-entity total when mixed', () => {
    const chunks = splitLogBatch({ params: params(30), metrics: metrics(2500) }, now);

    expect(chunks.map((c) => [c.params.length, c.metrics.length])).toEqual([
      [30, 970],
      [0, 1000],
      [0, 530],
    ]);
    expect(chunks.flatMap((c) => c.metrics.map((m) => m.step))).toEqual(metrics(2500).map((m) => m.step));
  });

  it('should split by request size when long values would exceed the byte limit', () => {
    const longValue = 'x'.repeat(mlflowBatchLimits.paramValueChars);
    const longParams = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, longValue]));
    const chunks = splitLogBatch({ params: longParams }, now, { ...mlflowBatchLimits, requestBytes: 100_000 });

    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(Buffer.byteLength(JSON.stringify({ run_id: 'r'.repeat(32), ...chunk }))).toBeLessThanOrEqual(100_000);
    }
    expect(chunks.reduce((sum, c) => sum + c.params.length, 0)).toBe(100);
  });

  it('should refuse the whole batch, naming every bad entity, when values break the server limits', () => {
    const attempt = () =>
      splitLogBatch(
        {
          params: { ok: 'fine', huge: 'x'.repeat(mlflowBatchLimits.paramValueChars + 1) },
          tags: { note: 'y'.repeat(mlflowBatchLimits.tagValueChars + 1) },
          metrics: [
            { key: 'nan', value: Number.NaN },
            { key: 'fractional', value: 1, step: 1.5 },
          ],
        },
        now,
      );

    expect(attempt).toThrow(MlflowError);
    expect(attempt).toThrow(/param 'huge' value has 6001 characters, over 6000/);
    expect(attempt).toThrow(/tag 'note' value has 8001 characters, over 8000/);
    expect(attempt).toThrow(/metric 'nan' value NaN is not a finite number/);
    expect(attempt).toThrow(/metric 'fractional' step 1.5 is not an integer/);
    expect(attempt).not.toThrow(/'ok'/);
  });

  it('should accept a value of exactly the limit when counted in code points', () => {
    // 6000 emoji are 12000 UTF-16 units but 6000 characters for the server.
    const chunks = splitLogBatch({ params: { emoji: '😀'.repeat(mlflowBatchLimits.paramValueChars) } }, now);

    expect(chunks[0].params[0].value).toHaveLength(12_000);
  });
});
