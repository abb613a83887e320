import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpSink {
  /** For OTEL_EXPORTER_OTLP_ENDPOINT (the SDK's default protocol, http/protobuf). */
  readonly endpoint: string;
  /** Export requests and their bytes taken so far: proof that the "on" side really exported. */
  received(): { readonly requests: number; readonly bytes: number };
  close(): Promise<void>;
}

/**
 * Where the benchmarks' traced processes export: takes every OTLP request and drops it, as a collector would take
 * it, without decoding (a backend's cost is not the services'). Runs in the benchmark's process, so its CPU counts
 * as the benchmark's, not the service's.
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  let requests = 0;
  let bytes = 0;
  const server = createServer((request, response) => {
    requests++;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => ({ requests, bytes }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every `seconds`, GETs each URL (a process's /metrics) as Prometheus scrapes; the function returned stops it. */
export function scrapeEvery(seconds: number, urls: () => readonly string[]): () => { scrapes: number; failed: number } {
  const counts = { scrapes: 0, failed: 0 };
  const scrapeOne = async (url: string) => {
    try {
      const response = await fetch(url);
      await response.text();
      counts[response.ok ? 'scrapes' : 'failed']++;
    } catch {
      counts.failed++;
    }
  };
  const timer = setInterval(() => urls().forEach((url) => void scrapeOne(url)), seconds * 1_000);
  return () => {
    clearInterval(timer);
    return { ...counts };
  };
}

/** (a − b) / b in per cent, one decimal. */
export const percentChange = (a: number, b: number): number => Number((((a - b) / b) * 100).toFixed(1));
