export { createThrowawaySchema, uniqueSchemaName, type ThrowawaySchema } from './throwaway-schema';
