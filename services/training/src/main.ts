import './instrumentation';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@seg/config';
import { describeDbConnection } from '@seg/db';
import { useStructuredLogging } from '@seg/observability';
import { AppModule } from './app.module';
import { configureHttp } from './app.setup';
import { dependencyProblems, dependencyProblemsMessage } from './cli/dependency-check';
import { formatTrainingSummary } from './cli/train-summary';
import { loadTrainingConfig, trainingConfigSpec, type TrainingConfig } from './config/training.config';
import { TrainModelCommand } from './train-model/train-model.command';
import { TrainModelModule } from './train-model/train-model.module';
import { TrainModelUseCase } from './train-model/train-model.usecase';
import { TrainingInProgressError } from './train-model/training-errors';

const USAGE = 'usage: main.ts                      serve the subgraph (port TRAINING_PORT)\n       main.ts train --once [--json]  one training run, then exit (0 only when it succeeded)';

/** Exit codes of `train --once`: what the Kubernetes CronJob reports. */
const EXIT = { succeeded: 0, failed: 1, usage: 2, refused: 3 } as const;

async function serve(config: TrainingConfig): Promise<void> {
  const logs = useStructuredLogging('training', config.settings.LOG_LEVEL);
  const logger = new Logger('Training');
  logger.log(`Configuration: ${JSON.stringify(trainingConfigSpec.redact(config.settings))}, database ${describeDbConnection(config.db)}, Kafka ${config.kafka.brokers.join(',')}, MLflow ${config.mlflow.trackingUri}`);
  const app = configureHttp(await NestFactory.create(AppModule.forRoot(config), { bodyParser: false, logger: logs }));
  app.enableShutdownHooks();
  await app.listen(config.settings.TRAINING_PORT);
  logger.log(`Listening on port ${config.settings.TRAINING_PORT} (GraphQL /graphql, GET /health)`);
}

/** One run exactly as the CronJob does it; no HTTP server and no consumer, only the use case. */
async function trainOnce(config: TrainingConfig, json: boolean): Promise<number> {
  const problems = await dependencyProblems(config);
  if (problems.length > 0) {
    console.error(dependencyProblemsMessage(problems));
    return EXIT.failed;
  }
  const context = await NestFactory.createApplicationContext(
    { module: class TrainOnceModule {}, imports: [AppModule.core(config), TrainModelModule] },
    // Nest's start-up lines (modules, providers) would bury the summary: the CLI shows problems only. A failed start
    // reaches main's handler (one line) instead of Nest's, which prints the stack and exits.
    { logger: json ? ['error'] : ['error', 'warn'], abortOnError: false },
  );
  try {
    const run = await context.get(TrainModelUseCase).execute(new TrainModelCommand('cli'));
    console.log(formatTrainingSummary(run, config.mlflow.trackingUri, json));
    return run.status === 'succeeded' ? EXIT.succeeded : EXIT.failed;
  } catch (error) {
    if (!(error instanceof TrainingInProgressError)) throw error;
    console.error(error.message);
    return EXIT.refused;
  } finally {
    await context.close();
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...flags] = argv;
  if (command === undefined) return serve(loadConfigOrExit(loadTrainingConfig, EXIT.usage));
  if (command !== 'train' || !flags.includes('--once') || flags.some((flag) => !['--once', '--json'].includes(flag))) {
    console.error(USAGE);
    process.exit(EXIT.usage);
  }
  process.exit(await trainOnce(loadConfigOrExit(loadTrainingConfig, EXIT.usage), flags.includes('--json')));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  new Logger('Training').error(
    `Training failed: ${error instanceof Error ? error.message : String(error)}. Check that PostgreSQL and Kafka are up (npm run stack -- status) and the topics exist (npm run topics).`,
  );
  process.exit(EXIT.failed);
});
