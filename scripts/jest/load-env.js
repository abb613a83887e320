// Loads <repo>/.env into process.env for tests, the way scripts/stack.sh reads it, so a developer who
// moved the stack to other ports runs the tests against it. Variables already set win (CI, the shell).
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(__dirname, '../../.env');
if (fs.existsSync(file)) {
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match || process.env[match[1]] !== undefined) continue;
    let value = match[2].trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    process.env[match[1]] = value;
  }
}
