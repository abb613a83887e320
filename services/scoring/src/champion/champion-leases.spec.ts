import { ChampionLeases } from './champion-leases';

/** A promise settled from outside, and whether it has settled. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

function tracked(promise: Promise<void>): { readonly settled: () => boolean } {
  let settled = false;
  void promise.then(() => (settled = true));
  return { settled: () => settled };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe(ChampionLeases.name, () => {
  it('should resolve at once when nothing is held or only the current model is', async () => {
    const leases = new ChampionLeases<string>();
    await expect(leases.drained('v2')).resolves.toBeUndefined();
    const write = gate();
    const holding = leases.hold('v2', () => write.opened);
    await expect(leases.drained('v2')).resolves.toBeUndefined();
    write.open();
    await holding;
  });

  it('should wait until every write holding an older model has settled, failed ones included', async () => {
    const leases = new ChampionLeases<string | null>();
    const [first, second] = [gate(), gate()];
    const writes = [leases.hold('v1', () => first.opened), leases.hold(null, () => second.opened.then(() => Promise.reject(new Error('rolled back'))))];
    const drained = tracked(leases.drained('v2'));

    first.open();
    await flush();
    expect(drained.settled()).toBe(false);
    second.open();
    await expect(writes[1]).rejects.toThrow('rolled back');
    await flush();
    expect(drained.settled()).toBe(true);
    await expect(writes[0]).resolves.toBeUndefined();
  });

  it('should return what the work returned and count a model once per write', async () => {
    const leases = new ChampionLeases<string>();
    const [a, b] = [gate(), gate()];
    const writes = [leases.hold('v1', () => a.opened.then(() => 1)), leases.hold('v1', () => b.opened.then(() => 2))];
    const drained = tracked(leases.drained('v2'));
    a.open();
    await flush();
    expect(drained.settled()).toBe(false);
    b.open();
    expect(await Promise.all(writes)).toEqual([1, 2]);
    await flush();
    expect(drained.settled()).toBe(true);
  });
});
