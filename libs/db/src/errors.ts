/** The database configuration (environment or factory options) is unusable; lists every problem at once. */
export class DbConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid database configuration: ${problems.join('; ')}`);
    this.name = DbConfigError.name;
  }
}

/** A bulk write was asked for with a shape that cannot be turned into a valid statement. */
export class BulkWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = BulkWriteError.name;
  }
}
