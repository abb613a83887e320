import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, parse, parseDocument, type Node, type Pair } from 'yaml';
import { HELM_DIR } from './helm-cli';

/** One documented value: a leaf, or a map documented as a whole (e.g. `resources`). */
export interface ValueDoc {
  readonly key: string;
  readonly type: string;
  readonly default: string;
  readonly description: string;
}

export class UndocumentedValuesError extends Error {
  constructor(
    readonly chart: string,
    readonly keys: readonly string[],
  ) {
    super(`helm/${chart}/values.yaml: no "# --" comment for ${keys.join(', ')}`);
    this.name = 'UndocumentedValuesError';
  }
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : typeof value;
}

/** The `# --` description in a comment block, helm-docs style (continuation lines are joined). */
function descriptionIn(comment: string | null | undefined): string | undefined {
  if (!comment) return undefined;
  const lines = comment.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => line.startsWith('--'));
  if (start < 0) return undefined;
  return lines.slice(start).join(' ').replace(/^--\s*/, '').trim();
}

/** Every value of a chart's values.yaml with its `# --` description; a leaf without one is an error. */
export function valueDocs(chart: string): ValueDoc[] {
  const document = parseDocument(readFileSync(join(HELM_DIR, chart, 'values.yaml'), 'utf8'));
  const docs: ValueDoc[] = [];
  const undocumented: string[] = [];
  const visit = (pairs: readonly Pair[], prefix: string, firstComment: string | undefined) => {
    pairs.forEach((pair, index) => {
      const keyNode = pair.key as Node;
      const key = `${prefix}${String(isScalar(keyNode) ? keyNode.value : keyNode)}`;
      // The comment above a map's first key is attached to the map itself.
      const description = descriptionIn(keyNode.commentBefore) ?? (index === 0 ? descriptionIn(firstComment) : undefined);
      const value = pair.value as Node;
      if (description === undefined && isMap(value) && value.items.length > 0) {
        visit(value.items as Pair[], `${key}.`, value.commentBefore ?? undefined);
        return;
      }
      if (description === undefined) {
        undocumented.push(key);
        return;
      }
      const json = value.toJSON() as unknown;
      docs.push({ key, type: typeOf(json), default: JSON.stringify(json), description });
    });
  };
  if (!isMap(document.contents)) throw new Error(`helm/${chart}/values.yaml is not a map`);
  visit(document.contents.items as Pair[], '', undefined);
  if (undocumented.length > 0) throw new UndocumentedValuesError(chart, undocumented);
  return docs;
}

const escape = (text: string) => text.replace(/\|/g, '\\|');

/** The chart README: what the chart is, how to install it, and the table of its values. */
export function renderChartReadme(chart: string): string {
  const meta = parse(readFileSync(join(HELM_DIR, chart, 'Chart.yaml'), 'utf8')) as { name: string; description: string; version: string; appVersion: string };
  const rows = valueDocs(chart).map((doc) => `| \`${doc.key}\` | ${doc.type} | \`${escape(doc.default)}\` | ${escape(doc.description)} |`);
  return [
    `# ${meta.name}`,
    '',
    `${meta.description}.`,
    '',
    `Chart version ${meta.version}, app version ${meta.appVersion}. Generated from \`values.yaml\` by \`npm run deploy:docs\`: edit the \`# --\` comments there, not this file.`,
    '',
    'Scenarios rendered and validated in CI are in `ci/`; `values.schema.json` rejects unknown keys and wrong types.',
    '',
    '## Values',
    '',
    '| Key | Type | Default | Description |',
    '|-----|------|---------|-------------|',
    ...rows,
    '',
  ].join('\n');
}

export const CHARTS = ['segmentation', 'mlflow'];

export function chartReadmePath(chart: string): string {
  return join(HELM_DIR, chart, 'README.md');
}

if (require.main === module) {
  for (const chart of CHARTS) {
    writeFileSync(chartReadmePath(chart), renderChartReadme(chart));
    console.log(`wrote ${chartReadmePath(chart)}`);
  }
}
