/**
 * `npm run ml:fit -- --csv <file> [options]`: streams a customer CSV through the validating parser,
 * fits the segmentation model and prints a report (see ML_FIT_USAGE). The only I/O of libs/ml.
 */
import { createReadStream } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import {
  buildFitReport, CsvHeaderError, fitSegmentationModel, formatFitReport, parseCustomerCsv, serializeBundle,
  type CustomerFeatures,
} from '../src';
import { ML_FIT_USAGE, parseMlFitArgs, UsageError } from './ml-fit-args';

/** A problem with the input file itself (unreadable, bad header): like a usage error, exit 2. */
class InputError extends Error {}

async function readCustomers(path: string): Promise<{ customers: CustomerFeatures[]; rowsRead: number; rejected: number; warnings: number }> {
  try {
    await access(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const customers: CustomerFeatures[] = [];
  let rowsRead = 0;
  let rejected = 0;
  let warnings = 0;
  try {
    for await (const batch of parseCustomerCsv(createReadStream(path))) {
      customers.push(...batch.accepted);
      rowsRead = batch.rowsRead;
      for (const row of batch.rejected) {
        rejected++;
        // Column errors already name their column ("BALANCE: not a number …"); row-level ones do not.
        const reasons = row.errors.map((e) => (e.column === null ? `row: ${e.reason}` : e.reason));
        console.error(`rejected line ${row.line}${row.customerId === null ? '' : ` (${row.customerId})`}: ${reasons.join('; ')}`);
      }
      for (const warning of batch.warnings) {
        warnings++;
        console.error(`warning line ${warning.line} (${warning.customerId}): ${warning.reason}`);
      }
    }
  } catch (error) {
    if (error instanceof CsvHeaderError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
  return { customers, rowsRead, rejected, warnings };
}

async function main(): Promise<number> {
  const args = parseMlFitArgs(process.argv.slice(2));
  if (args === null) {
    console.log(ML_FIT_USAGE);
    return 0;
  }
  const parseStarted = performance.now();
  const input = await readCustomers(args.csv);
  const parseMs = performance.now() - parseStarted;
  if (input.rejected > 0) console.error(`${input.rejected} of ${input.rowsRead} rows rejected (listed above); fitting on the ${input.customers.length} accepted.`);

  const fit = await fitSegmentationModel(input.customers, args.config, { sweep: args.sweep });
  const report = buildFitReport(fit, parseMs);
  process.stdout.write(formatFitReport(report, fit, { source: args.csv, rowsRead: input.rowsRead, rejected: input.rejected, warnings: input.warnings }));
  if (args.bundlePath !== null) {
    await writeFile(args.bundlePath, serializeBundle(fit.bundle));
    console.log(`bundle written to ${args.bundlePath}`);
  }
  if (args.jsonPath !== null) {
    await writeFile(args.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`report written to ${args.jsonPath}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`ml:fit: ${error.message}\n\n${ML_FIT_USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof InputError) {
      console.error(`ml:fit: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(`ml:fit: the fit failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  },
);
