import { SeededRandom } from './random';

describe(SeededRandom.name, () => {
  it('should repeat its sequence for a seed and change it for another seed', () => {
    const draw = (seed: number): number[] => {
      const r = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(8)).not.toEqual(draw(7));
  });

  it('should draw uniforms in [0, 1) and normals with the requested mean and spread', () => {
    const r = new SeededRandom(1);
    const uniforms = Array.from({ length: 20_000 }, () => r.next());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    const normals = Array.from({ length: 20_000 }, () => r.normal(3, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    const sd = Math.sqrt(normals.reduce((a, b) => a + (b - mean) ** 2, 0) / normals.length);
    expect(mean).toBeCloseTo(3, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('should derive distinct child seeds for distinct indices', () => {
    const seeds = Array.from({ length: 100 }, (_, i) => SeededRandom.derive(42, i));
    expect(new Set(seeds).size).toBe(100);
    expect(SeededRandom.derive(42, 3)).toBe(seeds[3]);
  });

  it('should reject a seed that is not a finite number', () => {
    expect(() => new SeededRandom(Number.NaN)).toThrow(/seed must be a finite number, got NaN/);
  });
});
