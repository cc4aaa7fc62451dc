/**
 * `npm run docs:config`: rewrites the README's configuration table from the settings in src/config.ts, the one
 * place each variable is stated. test/config.test.ts fails while the two differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configurationTable } from '../src/config';

const readmePath = path.join(__dirname, '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf('| variable |');
if (start < 0) throw new Error('README.md has no configuration table starting with "| variable |"');
const end = readme.indexOf('\n\n', start);
const updated = readme.slice(0, start) + configurationTable() + readme.slice(end < 0 ? readme.length : end);
if (updated === readme) {
  console.log('README.md: the configuration table is up to date');
} else {
  writeFileSync(readmePath, updated);
  console.log('README.md: configuration table rewritten');
}
