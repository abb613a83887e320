import { BadRequestException } from '@nestjs/common';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs `work` and turns the listed errors (a caller's mistake) into a GraphQL error with code BAD_REQUEST,
 * which Nest neither logs as a server fault nor hides; anything else propagates as it is.
 */
export async function withBadUserInput<T>(work: () => Promise<T>, ...userErrors: ErrorClass[]): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (userErrors.some((kind) => error instanceof kind)) throw new BadRequestException((error as Error).message);
    throw error;
  }
}
