import { isMissingAliasError, isMlflowError, MlflowError, mlflowErrorFromFetchFailure, mlflowErrorFromResponse } from './mlflow-error';

describe(MlflowError.name, () => {
  it('should keep MLflow error_code and message and name the call when the server answers with JSON', () => {
    const error = mlflowErrorFromResponse(
      'getRun',
      404,
      JSON.stringify({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Run with id=abc not found' }),
    );

    expect(error).toBeInstanceOf(MlflowError);
    expect(error.code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect(error.httpStatus).toBe(404);
    expect(error.mlflowErrorCode).toBe('RESOURCE_DOES_NOT_EXIST');
    expect(error.message).toBe('MLflow getRun failed: HTTP 404 RESOURCE_DOES_NOT_EXIST: Run with id=abc not found');
    expect(error.retryable).toBe(false);
  });

  it.each(['RESOURCE_ALREADY_EXISTS', 'INVALID_PARAMETER_VALUE', 'INVALID_STATE'] as const)(
    'should map %s to the same code when MLflow sends it',
    (mlflowCode) => {
      expect(mlflowErrorFromResponse('op', 400, JSON.stringify({ error_code: mlflowCode, message: 'm' })).code).toBe(mlflowCode);
    },
  );

  it('should keep an unmapped MLflow code as HTTP_ERROR with the raw code when MLflow sends one we do not branch on', () => {
    const error = mlflowErrorFromResponse('setAlias', 403, JSON.stringify({ error_code: 'PERMISSION_DENIED', message: 'no' }));

    expect(error.code).toBe('HTTP_ERROR');
    expect(error.mlflowErrorCode).toBe('PERMISSION_DENIED');
  });

  it('should treat a 404 without JSON as RESOURCE_DOES_NOT_EXIST and quote a short excerpt when the body is HTML', () => {
    const error = mlflowErrorFromResponse('downloadArtifact', 404, `<html>${'x'.repeat(1000)}</html>`);

    expect(error.code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect(error.mlflowErrorCode).toBeUndefined();
    expect(error.message.startsWith('MLflow downloadArtifact failed: HTTP 404 <html>xxx')).toBe(true);
    expect(error.message.length).toBeLessThan(400);
  });

  it('should be retryable when the server fails or throttles, and not when the request is wrong', () => {
    expect(mlflowErrorFromResponse('op', 503, 'unavailable').retryable).toBe(true);
    expect(mlflowErrorFromResponse('op', 429, '').retryable).toBe(true);
    expect(mlflowErrorFromResponse('op', 400, '{}').retryable).toBe(false);
  });

  it('should report TIMEOUT when fetch was aborted by our timeout', () => {
    const error = mlflowErrorFromFetchFailure('getRun', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 1500);

    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe('MLflow getRun failed: no answer within 1500 ms');
    expect(error.retryable).toBe(true);
  });

  it('should report NETWORK_ERROR with the socket error when the connection fails', () => {
    const failure = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:5999') });
    const error = mlflowErrorFromFetchFailure('getRun', failure, 1500);

    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toBe('MLflow getRun failed: network error (fetch failed: connect ECONNREFUSED 127.0.0.1:5999)');
    expect(error.cause).toBe(failure);
  });
});

describe(isMlflowError.name, () => {
  it('should match the code when one is given and ignore other errors', () => {
    const error = new MlflowError('x', { operation: 'op', code: 'TIMEOUT' });

    expect(isMlflowError(error)).toBe(true);
    expect(isMlflowError(error, 'TIMEOUT')).toBe(true);
    expect(isMlflowError(error, 'NETWORK_ERROR')).toBe(false);
    expect(isMlflowError(new Error('x'))).toBe(false);
  });
});

describe(isMissingAliasError.name, () => {
  it('should recognise the 400 MLflow 3 sends when no version carries the alias', () => {
    const error = mlflowErrorFromResponse(
      'getVersionByAlias',
      400,
      JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Registered model alias champion not found.' }),
    );

    expect(isMissingAliasError(error)).toBe(true);
  });

  it('should recognise a 404 when the model does not exist', () => {
    expect(
      isMissingAliasError(mlflowErrorFromResponse('op', 404, JSON.stringify({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'x' }))),
    ).toBe(true);
  });

  it('should not swallow other invalid parameters or failures when the alias itself is bad', () => {
    const badName = mlflowErrorFromResponse(
      'op',
      400,
      JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: "'latest' alias name (case insensitive) is reserved." }),
    );

    expect(isMissingAliasError(badName)).toBe(false);
    expect(isMissingAliasError(mlflowErrorFromResponse('op', 500, 'boom'))).toBe(false);
    expect(isMissingAliasError(new Error('Registered model alias champion not found.'))).toBe(false);
  });
});
