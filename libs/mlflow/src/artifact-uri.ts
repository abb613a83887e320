import { MlflowError } from './mlflow-error';

/** The server's artifact proxy (enabled by `mlflow server --serve-artifacts`). */
export const artifactProxyBasePath = '/api/2.0/mlflow-artifacts/artifacts';

// `mlflow-artifacts:/1/<run>/artifacts`, also spelled with an empty authority (`mlflow-artifacts:///…`).
const proxiedUri = /^mlflow-artifacts:(?:\/\/([^/]*))?(\/[^?#]*)?$/;

/**
 * Maps an `mlflow-artifacts:` URI (a run's artifact_uri, or a file below it) to the path the proxy
 * serves it under, e.g. `mlflow-artifacts:/1/abc/artifacts/model.json` → `1/abc/artifacts/model.json`.
 * Other schemes (file:, s3:, runs:, …) would need direct storage access, which this client does not do.
 */
export function proxyPathOfArtifactUri(artifactUri: string, operation: string): string {
  const match = proxiedUri.exec(artifactUri);
  if (match === null) {
    throw new MlflowError(
      `MLflow ${operation} failed: artifact URI '${artifactUri}' is not served by the tracking server's artifact proxy ` +
        `(only mlflow-artifacts:/ URIs are; start the server with --serve-artifacts and --default-artifact-root mlflow-artifacts:/)`,
      { operation, code: 'UNSUPPORTED_ARTIFACT_URI' },
    );
  }
  const [, authority, path = ''] = match;
  if (authority) {
    throw new MlflowError(
      `MLflow ${operation} failed: artifact URI '${artifactUri}' names another artifact server (${authority}); ` +
        `only the configured tracking server's proxy is used`,
      { operation, code: 'UNSUPPORTED_ARTIFACT_URI' },
    );
  }
  return safeSegments(
    path
      .split('/')
      .filter((segment) => segment !== '')
      .map(decodeURIComponent),
    artifactUri,
    operation,
  ).join('/');
}

/**
 * The segments of an artifact path relative to the run (`bundle/model.json`). Absolute paths and
 * `.`/`..` segments are refused: they could leave the run's folder.
 */
export function artifactPathSegments(relativePath: string | undefined, operation: string): string[] {
  if (relativePath === undefined) return [];
  if (relativePath.startsWith('/') || relativePath.includes('\\')) {
    throw invalidPath(relativePath, operation, 'it must be relative and use / as separator');
  }
  return safeSegments(
    relativePath.split('/').filter((segment) => segment !== ''),
    relativePath,
    operation,
  );
}

/** Joins an artifact path relative to the run onto the run's proxy path. */
export function joinArtifactPath(root: string, relativePath: string | undefined, operation: string): string {
  return [root, ...artifactPathSegments(relativePath, operation)].join('/');
}

/** The proxy URL path of a file or folder, each segment percent-encoded. */
export function artifactProxyUrlPath(proxyPath: string): string {
  return `${artifactProxyBasePath}/${proxyPath.split('/').map(encodeURIComponent).join('/')}`;
}

function safeSegments(segments: string[], original: string, operation: string): string[] {
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    throw invalidPath(original, operation, 'it must not contain . or .. segments');
  }
  return segments;
}

function invalidPath(path: string, operation: string, reason: string): MlflowError {
  return new MlflowError(`MLflow ${operation} failed: artifact path '${path}' is invalid: ${reason}`, {
    operation,
    code: 'INVALID_PARAMETER_VALUE',
  });
}
