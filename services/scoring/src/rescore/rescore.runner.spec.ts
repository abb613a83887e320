import { setTimeout as sleep } from 'node:timers/promises';
import { loadScoringConfig } from '../config/scoring.config';
import { RescoreRunner } from './rescore.runner';
import type { RescoreOutcome, RescoreUseCase } from './rescore.usecase';

/** A runner over a use case that answers `outcomes` in turn, then 'nothing-to-do'. */
function runnerAnswering(...outcomes: RescoreOutcome[]) {
  const execute = jest.fn(async () => outcomes.shift() ?? 'nothing-to-do');
  const runner = new RescoreRunner({ execute } as unknown as RescoreUseCase, loadScoringConfig({ SCORING_RESCORE_RETRY_MS: '100' }));
  return { runner, execute };
}

describe(RescoreRunner.name, () => {
  it("should ask again later when another replica's job holds the lock", async () => {
    const { runner, execute } = runnerAnswering('locked');
    await runner.request();
    expect(execute).toHaveBeenCalledTimes(1);
    await sleep(300);
    expect(execute).toHaveBeenCalledTimes(2);
    await runner.beforeApplicationShutdown();
  });

  it('should not ask again after doing the work or finding none, nor once shutting down', async () => {
    const done = runnerAnswering('nothing-to-do');
    await done.runner.request();
    const stopped = runnerAnswering('locked');
    await stopped.runner.request();
    await stopped.runner.beforeApplicationShutdown();
    await sleep(300);
    expect([done.execute.mock.calls.length, stopped.execute.mock.calls.length]).toEqual([1, 1]);
  });
});
