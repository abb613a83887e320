import { MlflowConfigError, mlflowConfigFromEnv } from './mlflow-config';

describe(mlflowConfigFromEnv.name, () => {
  it('should use the local defaults when no variable is set', () => {
    expect(mlflowConfigFromEnv({})).toEqual({
      trackingUri: 'http://127.0.0.1:5000',
      requestTimeoutMs: 30_000,
      maxRetries: 3,
      retryBaseDelayMs: 250,
      retryMaxDelayMs: 4_000,
      modelVersionReadyTimeoutMs: 60_000,
    });
  });

  it('should read the variables and drop a trailing slash when they are set', () => {
    const config = mlflowConfigFromEnv({
      MLFLOW_TRACKING_URI: 'http://mlflow:5000/',
      MLFLOW_MAX_RETRIES: '0',
      MLFLOW_REQUEST_TIMEOUT_MS: '',
    });

    expect(config.trackingUri).toBe('http://mlflow:5000');
    expect(config.maxRetries).toBe(0);
    expect(config.requestTimeoutMs).toBe(30_000);
  });

  it('should list every bad variable at once when several are invalid', () => {
    const attempt = () =>
      mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: 'mlflow-artifacts:/x', MLFLOW_MAX_RETRIES: '-1', MLFLOW_REQUEST_TIMEOUT_MS: 'soon' });

    expect(attempt).toThrow(MlflowConfigError);
    expect(attempt).toThrow(/MLFLOW_TRACKING_URI="mlflow-artifacts:\/x": must be an http\(s\) URL/);
    expect(attempt).toThrow(/MLFLOW_MAX_RETRIES="-1"/);
    expect(attempt).toThrow(/MLFLOW_REQUEST_TIMEOUT_MS="soon"/);
  });
});
