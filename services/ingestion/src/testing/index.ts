/**
 * `@seg/ingestion/testing`: the part of the ingestion service that benchmarks and repository scripts may use.
 * Nothing outside the service reaches into its folders (lint enforces it); what they need is named here.
 */
export { loadIngestionConfig } from '../config/ingestion.config';
export { csvChunks } from '../csv-upload/csv-chunks';
export { startIngestionTestApp } from './ingestion-test-app';
