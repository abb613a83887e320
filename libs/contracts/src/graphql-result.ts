/** An error of a GraphQL answer; the subgraphs set `extensions.code` (e.g. BAD_USER_INPUT) and, for a bad input, `field`. */
export interface GraphqlError {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly field?: string; readonly [name: string]: unknown };
}

/** A GraphQL answer as it travels: the data asked for, the errors, or both. */
export interface GraphqlResult<T> {
  readonly data?: T;
  readonly errors?: readonly GraphqlError[];
}
