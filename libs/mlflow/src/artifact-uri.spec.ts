import { artifactPathSegments, artifactProxyUrlPath, joinArtifactPath, proxyPathOfArtifactUri } from './artifact-uri';
import { MlflowError } from './mlflow-error';

describe(proxyPathOfArtifactUri.name, () => {
  it('should map a run artifact root to its proxy path when the URI is mlflow-artifacts:/', () => {
    expect(proxyPathOfArtifactUri('mlflow-artifacts:/7/0a1b2c/artifacts', 'op')).toBe('7/0a1b2c/artifacts');
  });

  it('should map a file below the root and an empty authority the same way', () => {
    expect(proxyPathOfArtifactUri('mlflow-artifacts:///7/0a1b2c/artifacts/bundle/model.json', 'op')).toBe(
      '7/0a1b2c/artifacts/bundle/model.json',
    );
  });

  it('should decode percent-encoded segments when the URI has them', () => {
    expect(proxyPathOfArtifactUri('mlflow-artifacts:/7/r/artifacts/my%20file.json', 'op')).toBe('7/r/artifacts/my file.json');
  });

  it.each(['file:///tmp/mlruns/7/r/artifacts', 's3://bucket/7/r/artifacts', 'runs:/r/model', '/tmp/mlruns/7/r/artifacts'])(
    'should refuse %s with UNSUPPORTED_ARTIFACT_URI when it is not served by the proxy',
    (uri) => {
      const attempt = () => proxyPathOfArtifactUri(uri, 'downloadArtifact');
      expect(attempt).toThrow(MlflowError);
      expect(attempt).toThrow(/MLflow downloadArtifact failed: artifact URI .* is not served by the tracking server's artifact proxy/);
      expect(() => attempt()).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_ARTIFACT_URI' }));
    },
  );

  it('should refuse a URI naming another artifact server when it has an authority', () => {
    expect(() => proxyPathOfArtifactUri('mlflow-artifacts://other:5000/7/r/artifacts', 'op')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_ARTIFACT_URI', message: expect.stringContaining('other:5000') }),
    );
  });

  it('should refuse .. segments when the URI tries to leave its folder', () => {
    expect(() => proxyPathOfArtifactUri('mlflow-artifacts:/7/r/artifacts/../../8', 'op')).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMETER_VALUE' }),
    );
  });
});

describe(joinArtifactPath.name, () => {
  it('should join a nested relative path and drop empty segments when given one', () => {
    expect(joinArtifactPath('7/r/artifacts', 'bundle//model.json', 'op')).toBe('7/r/artifacts/bundle/model.json');
  });

  it('should return the root when no path is given', () => {
    expect(joinArtifactPath('7/r/artifacts', undefined, 'op')).toBe('7/r/artifacts');
    expect(joinArtifactPath('7/r/artifacts', '', 'op')).toBe('7/r/artifacts');
  });

  it.each(['/etc/passwd', '../other-run/artifacts/x', 'a/./b', 'a\\b'])('should refuse %s when it could leave the run folder', (path) => {
    expect(() => joinArtifactPath('7/r/artifacts', path, 'uploadArtifact')).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMETER_VALUE', operation: 'uploadArtifact' }),
    );
  });
});

describe(artifactPathSegments.name, () => {
  it('should return no segments when the path is absent', () => {
    expect(artifactPathSegments(undefined, 'op')).toEqual([]);
  });
});

describe(artifactProxyUrlPath.name, () => {
  it('should percent-encode each segment but keep the slashes when names need escaping', () => {
    expect(artifactProxyUrlPath('7/r/artifacts/my file#1.json')).toBe(
      '/api/2.0/mlflow-artifacts/artifacts/7/r/artifacts/my%20file%231.json',
    );
  });
});
