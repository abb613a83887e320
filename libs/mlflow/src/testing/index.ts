import { randomBytes } from 'node:crypto';

/**
 * A name no other test run or engineer will use: experiments and registered models live on a shared
 * server and cannot be renamed or truly deleted by tests.
 */
export function uniqueMlflowName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
