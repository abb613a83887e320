import { ConfigError, bool, defineConfig, int, list, loadConfigOrExit, num, oneOf, str, url } from './define-config';

const serviceConfig = defineConfig('scoring', {
  PORT: int({ description: 'HTTP port', default: 4003, min: 1, max: 65535 }),
  KAFKA_BROKERS: list({ description: 'Kafka bootstrap servers', default: ['127.0.0.1:9092'] }),
  MLFLOW_TRACKING_URI: url({ description: 'MLflow server', default: 'http://127.0.0.1:5000', protocols: ['http', 'https'] }),
  LOG_LEVEL: oneOf(['debug', 'info', 'warn'] as const, { description: 'log level', default: 'info' }),
  CRON_ENABLED: bool({ description: 'run the schedule', default: false }),
  JWT_SECRET: str({ description: 'token signing secret', localDefault: 'local-dev-secret', secret: true }),
});

describe('defineConfig', () => {
  it('should apply the local defaults when nothing is set outside production', () => {
    const config = serviceConfig.load({});
    expect(config).toEqual({
      PORT: 4003,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000',
      LOG_LEVEL: 'info',
      CRON_ENABLED: false,
      JWT_SECRET: 'local-dev-secret',
    });
  });

  it('should parse every type from the environment', () => {
    const config = serviceConfig.load({
      PORT: '8080',
      KAFKA_BROKERS: 'a:1, b:2',
      MLFLOW_TRACKING_URI: 'https://mlflow.internal',
      LOG_LEVEL: 'debug',
      CRON_ENABLED: 'yes',
      JWT_SECRET: 's3cret',
    });
    expect(config.PORT).toBe(8080);
    expect(config.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(config.CRON_ENABLED).toBe(true);
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it('should list every bad variable at once when several are wrong', () => {
    let error: unknown;
    try {
      serviceConfig.load({ PORT: '70000', MLFLOW_TRACKING_URI: 'ftp://x', LOG_LEVEL: 'loud', CRON_ENABLED: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT must be ≤ 65535/);
    expect(problems.join('\n')).toMatch(/MLFLOW_TRACKING_URI must use http or https/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of debug, info, warn/);
    expect(problems.join('\n')).toMatch(/CRON_ENABLED must be true or false/);
  });

  it('should parse a decimal number within its range and refuse anything else', () => {
    const thresholds = defineConfig('scoring', { PSI_ALERT: num({ description: 'alert line', default: 0.25, min: 0, max: 10 }) });
    expect(thresholds.load({}).PSI_ALERT).toBe(0.25);
    expect(thresholds.load({ PSI_ALERT: ' 0.3 ' }).PSI_ALERT).toBe(0.3);
    expect(() => thresholds.load({ PSI_ALERT: 'high' })).toThrow(/PSI_ALERT must be a number, got 'high'/);
    expect(() => thresholds.load({ PSI_ALERT: '-1' })).toThrow(/PSI_ALERT must be ≥ 0, got -1/);
  });

  it('should refuse to start in production without a secret that only has a local default', () => {
    expect(() => serviceConfig.load({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(serviceConfig.load({ NODE_ENV: 'production', JWT_SECRET: 'prod' }).JWT_SECRET).toBe('prod');
  });

  it('should mask secrets when the configuration is printed', () => {
    const printed = serviceConfig.redact(serviceConfig.load({ JWT_SECRET: 'hunter2' }));
    expect(printed.JWT_SECRET).toBe('***');
    expect(printed.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(JSON.stringify(printed)).not.toContain('hunter2');
  });

  it('should never echo a secret value in a parse error', () => {
    const spec = defineConfig('x', { TOKEN: int({ description: 'numeric token', secret: true }) });
    expect(() => spec.load({ TOKEN: 'topsecret' })).toThrow(/TOKEN must be a whole number, got '\*\*\*'/);
  });

  it('should refuse a string shorter than its minimum length, naming the length and not the value', () => {
    const spec = defineConfig('x', { SHARED_SECRET: str({ description: 'shared secret', minLength: 16, secret: true }) });

    expect(() => spec.load({ SHARED_SECRET: 'hunter2' })).toThrow(/SHARED_SECRET must be at least 16 characters, got 7$/);
    expect(spec.load({ SHARED_SECRET: 'a-long-enough-secret' }).SHARED_SECRET).toBe('a-long-enough-secret');
  });
});

describe('loadConfigOrExit', () => {
  it('should print every problem and exit with the given code when the configuration is invalid', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    loadConfigOrExit(() => serviceConfig.load({ PORT: 'x', LOG_LEVEL: 'loud' }), 2);
    expect(exit).toHaveBeenCalledWith(2);
    expect(printed.mock.calls[0][0]).toMatch(/PORT must be a whole number[\s\S]*LOG_LEVEL must be one of/);
    exit.mockRestore();
    printed.mockRestore();
  });

  it('should return the configuration and not exit when it is valid', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    expect(loadConfigOrExit(() => serviceConfig.load({})).PORT).toBe(4003);
    expect(exit).not.toHaveBeenCalled();
    exit.mockRestore();
  });
});
