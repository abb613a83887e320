/** <repo>/.env, which every command reads (see load-env.js). */
export declare const ENV_FILE: string;
export declare function parseEnvFile(text: string): [string, string][];
export declare function applyEnv(variables: readonly (readonly [string, string])[], env: Record<string, string | undefined>): string[];
export declare function loadEnvFile(file?: string, env?: Record<string, string | undefined>): string[];
