import { DEFAULT_PIPELINE_CONFIG } from '../src';
import { parseMlFitArgs, UsageError } from './ml-fit-args';

describe('parseMlFitArgs', () => {
  it('should take the issue-3 defaults and a 2-9 sweep when only --csv is given', () => {
    expect(parseMlFitArgs(['--csv', 'a.csv'])).toEqual({ csv: 'a.csv', config: DEFAULT_PIPELINE_CONFIG, sweep: { from: 2, to: 9 }, bundlePath: null, jsonPath: null });
  });

  it('should apply every option when each is given a valid value', () => {
    const args = parseMlFitArgs([
      '--csv', 'a.csv', '--impute', 'mean', '--log1p', 'BALANCE,PURCHASES', '--exclude', 'none', '--k', '5', '--n-init', '3', '--seed', '7',
      '--sweep', '3-6', '--bundle', 'b.json', '--json', 'r.json',
    ]);
    expect(args).toEqual({
      csv: 'a.csv',
      config: { ...DEFAULT_PIPELINE_CONFIG, impute: 'mean', log1pColumns: ['BALANCE', 'PURCHASES'], excludeColumns: [], k: 5, nInit: 3, seed: 7 },
      sweep: { from: 3, to: 6 },
      bundlePath: 'b.json',
      jsonPath: 'r.json',
    });
    expect(parseMlFitArgs(['--csv', 'a.csv', '--log1p', 'none', '--sweep', 'none'])).toMatchObject({ config: { log1pColumns: [] }, sweep: false });
  });

  it('should drop an excluded column from the default log1p list when --log1p is not given', () => {
    const args = parseMlFitArgs(['--csv', 'a.csv', '--exclude', 'TENURE,BALANCE']);
    expect(args?.config.excludeColumns).toEqual(['TENURE', 'BALANCE']);
    expect(args?.config.log1pColumns).toEqual(DEFAULT_PIPELINE_CONFIG.log1pColumns.filter((c) => c !== 'BALANCE'));
  });

  it('should return null when help is asked for', () => {
    expect(parseMlFitArgs(['--help'])).toBeNull();
  });

  it.each([
    [['--k', '4'], '--csv <file> is required'],
    [['--csv', 'a.csv', '--clusters', '4'], "Unknown option '--clusters'"],
    [['--csv', 'a.csv', '--k', 'four'], '--k must be a whole number, got "four"'],
    [['--csv', 'a.csv', '--k', '1'], 'k must be an integer >= 2, got 1'],
    [['--csv', 'a.csv', '--impute', 'mode'], '--impute must be one of median|mean|zero, got "mode"'],
    [['--csv', 'a.csv', '--log1p', 'BALANSE'], 'log1pColumns: unknown column "BALANSE"'],
    [['--csv', 'a.csv', '--sweep', '9-2'], '--sweep range must have 2 <= from <= to, got 9-2'],
    [['--csv', 'a.csv', '--sweep', 'all'], '--sweep must be a range like 2-9 or none, got "all"'],
    [['--csv', 'a.csv', 'extra'], "Unexpected argument 'extra'"],
  ])('should throw a usage error when given %j', (argv, message) => {
    expect(() => parseMlFitArgs(argv)).toThrow(UsageError);
    expect(() => parseMlFitArgs(argv)).toThrow(message);
  });
});
