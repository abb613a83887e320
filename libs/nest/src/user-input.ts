import { Catch, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/** A caller's mistake: reported as BAD_USER_INPUT with the field at fault, never as a server fault. */
export class UserInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UserInputError';
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs `work` and turns the listed errors (a caller's mistake) into a UserInputError, keeping their
 * message and their `field` when they have one; anything else propagates as it is.
 */
export async function withBadUserInput<T>(work: () => Promise<T>, ...userErrors: ErrorClass[]): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (userErrors.some((kind) => error instanceof kind)) {
      const field = (error as { field?: unknown }).field;
      throw new UserInputError((error as Error).message, typeof field === 'string' ? field : undefined);
    }
    throw error;
  }
}

/**
 * Handled by a filter, a UserInputError is neither logged by Nest as a server fault nor hidden: the
 * client gets `extensions: { code: 'BAD_USER_INPUT', field }`.
 */
@Catch(UserInputError)
export class UserInputErrorFilter implements GqlExceptionFilter {
  catch(error: UserInputError): GraphQLError {
    return new GraphQLError(error.message, {
      extensions: { code: 'BAD_USER_INPUT', ...(error.field === undefined ? {} : { field: error.field }) },
    });
  }
}

/** Registers the filter for the whole application. */
export const userInputErrorFilter: Provider = { provide: APP_FILTER, useClass: UserInputErrorFilter };
