import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadScoringConfig } from '../config/scoring.config';
import { RescoreRunner } from './rescore.runner';
import type { RescoreOutcome, RescoreUseCase } from './rescore.usecase';

/** A runner over a use case that answers `outcomes` in turn (an Error is thrown), then 'nothing-to-do'. */
function runnerAnswering(...outcomes: (RescoreOutcome | Error)[]) {
  const execute = jest.fn(async () => {
    const outcome = outcomes.shift() ?? 'nothing-to-do';
    if (outcome instanceof Error) throw outcome;
    return outcome;
  });
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

  describe('after a failed job', () => {
    beforeEach(() => {
      jest.useFakeTimers();
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    });

    afterEach(() => {
      jest.useRealTimers();
      jest.restoreAllMocks();
    });

    it('should try again later, waiting twice as long after each failure in a row', async () => {
      const failure = new Error('connection terminated unexpectedly');
      const { runner, execute } = runnerAnswering(failure, failure, failure, 'nothing-to-do');
      await runner.request();
      const callsAfter = async (ms: number) => {
        await jest.advanceTimersByTimeAsync(ms);
        return execute.mock.calls.length;
      };
      expect([execute.mock.calls.length, await callsAfter(99), await callsAfter(1), await callsAfter(199), await callsAfter(1), await callsAfter(399), await callsAfter(1)]).toEqual([
        1, 1, 2, 2, 3, 3, 4,
      ]);
      // It succeeded: no more tries.
      expect(await callsAfter(10_000)).toBe(4);
      expect(Logger.prototype.error).toHaveBeenCalledWith('connection terminated unexpectedly; trying again in 400 ms');
      await runner.beforeApplicationShutdown();
    });

    it('should run a request that came during the failed job at once, and say so', async () => {
      let fail: (error: Error) => void = () => undefined;
      const execute = jest
        .fn<Promise<RescoreOutcome>, []>()
        .mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)))
        .mockResolvedValue('nothing-to-do');
      const runner = new RescoreRunner({ execute } as unknown as RescoreUseCase, loadScoringConfig({ SCORING_RESCORE_RETRY_MS: '100' }));
      const first = runner.request();
      void runner.request();
      fail(new Error('connection terminated unexpectedly'));
      await first;

      expect(execute).toHaveBeenCalledTimes(2);
      expect(Logger.prototype.error).toHaveBeenCalledWith('connection terminated unexpectedly; a request came meanwhile, running it now');
      await runner.beforeApplicationShutdown();
    });
  });
});
