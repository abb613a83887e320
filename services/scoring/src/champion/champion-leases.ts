/**
 * Counts the writes in progress per model they score with, so that replacing the model can wait until no write
 * scored with an older one is still uncommitted. Keys are compared by identity (a loaded champion, or null for
 * "no champion yet").
 */
export class ChampionLeases<T> {
  private readonly active = new Map<T, number>();
  private waiters: { readonly current: T; readonly resolve: () => void }[] = [];

  /** Runs `work` with `model` counted as in use until it settles. */
  async hold<R>(model: T, work: () => Promise<R>): Promise<R> {
    this.active.set(model, (this.active.get(model) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = (this.active.get(model) ?? 1) - 1;
      if (left === 0) this.active.delete(model);
      else this.active.set(model, left);
      this.wake();
    }
  }

  /** Resolves once nothing but `current` is in use. */
  drained(current: T): Promise<void> {
    if (!this.heldOtherThan(current)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ current, resolve }));
  }

  private heldOtherThan(current: T): boolean {
    for (const model of this.active.keys()) if (model !== current) return true;
    return false;
  }

  private wake(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (this.heldOtherThan(waiter.current)) return true;
      waiter.resolve();
      return false;
    });
  }
}
