// The one reader of <repo>/.env, for every command of the project: the npm scripts that run node preload it
// (`node -r ./scripts/env/load-env.js …`), jest loads it for the tests, and the shell scripts (stack, services, test)
// run it as a program through scripts/env/load-env.sh, which exports what it prints. So a developer who moved the
// stack to other ports in .env reaches it from every command. Variables already set win (CI, the shell).
// Plain CommonJS on any Node: `node -r` and the shell scripts run it before any TypeScript hook or the pinned Node.
const fs = require('node:fs');
const path = require('node:path');

const ENV_FILE = path.resolve(__dirname, '../../.env');

/**
 * The variables a .env text sets, in order: `NAME=value` lines, optionally after `export `; a value in matching
 * single or double quotes is taken as it is (a ` # comment` may follow the closing quote), an unquoted one loses a
 * trailing ` # comment`; other lines are ignored.
 * @param {string} text
 * @returns {[string, string][]}
 */
function parseEnvFile(text) {
  const variables = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const value = match[2].trim();
    const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(value);
    variables.push([match[1], quoted ? quoted[2] : value.replace(/\s+#.*$/, '')]);
  }
  return variables;
}

/**
 * Sets each variable that `env` does not have yet (set variables win; of two lines for one name, the first);
 * returns the names it set.
 * @param {readonly [string, string][]} variables
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
function applyEnv(variables, env) {
  const set = [];
  for (const [name, value] of variables) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}

/**
 * Applies `file` (default <repo>/.env) to `env` (default process.env), if the file exists; returns the names it set.
 * @param {string} [file]
 * @param {Record<string, string | undefined>} [env]
 * @returns {string[]}
 */
function loadEnvFile(file = ENV_FILE, env = process.env) {
  return fs.existsSync(file) ? applyEnv(parseEnvFile(fs.readFileSync(file, 'utf8')), env) : [];
}

if (require.main === module) {
  // Run as a program (scripts/env/load-env.sh): apply the file given (default <repo>/.env) and print what it set, as
  // NAME=value records ended by NUL, which no value can contain, for the shell to export.
  const set = loadEnvFile(path.resolve(process.argv[2] ?? ENV_FILE));
  process.stdout.write(set.map((name) => `${name}=${process.env[name]}\0`).join(''));
} else {
  loadEnvFile();
}

module.exports = { ENV_FILE, parseEnvFile, applyEnv, loadEnvFile };
