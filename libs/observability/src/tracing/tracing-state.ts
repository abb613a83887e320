let started = false;

/** Whether this process's tracing SDK runs (startTracing): the HTTP spans skip all work otherwise. */
export function isTracing(): boolean {
  return started;
}

export function setTracing(on: boolean): void {
  started = on;
}
