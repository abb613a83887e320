import { Logger } from '@nestjs/common';
import { createLogger, type LogLevel } from './logger';
import { NestPinoLogger } from './nest-logger';

/**
 * Sends every Nest log of the process (`new Logger(…)`, Nest's own, libs/kafka's) to a JSON logger from now on, and
 * returns it for `NestFactory.create(…, { logger })`. Call it first thing in main.ts, once the configuration is read.
 */
export function useStructuredLogging(service: string, level: LogLevel): NestPinoLogger {
  const logger = new NestPinoLogger(createLogger(service, { level }));
  Logger.overrideLogger(logger);
  return logger;
}
