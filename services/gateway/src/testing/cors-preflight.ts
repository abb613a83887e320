/** What a browser's CORS preflight from `origin` gets back: the status and the headers that decide. */
export async function corsPreflight(url: string, origin: string, request: { method: string; headers: string }) {
  const response = await fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': request.method, 'access-control-request-headers': request.headers } });
  return { status: response.status, allowOrigin: response.headers.get('access-control-allow-origin'), allowHeaders: response.headers.get('access-control-allow-headers') ?? '' };
}
