export { createThrowawaySchema, queryRows, uniqueSchemaName, type ThrowawaySchema } from './throwaway-schema';
export { binaryCopyOf, type BinaryCopyField } from './binary-copy';
