export { createThrowawaySchema, queryRows, uniqueSchemaName, type ThrowawaySchema } from './throwaway-schema';
