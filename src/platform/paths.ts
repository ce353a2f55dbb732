import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The repository root, the same whether khub runs from `src/` (tsx) or `dist/src/` (tsc). */
export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** Templates and static files live under `src/` in both cases; tsc copies only code. */
export const srcDir = join(projectRoot, 'src');
export const nhsukFrontendDir = join(projectRoot, 'node_modules', 'nhsuk-frontend', 'dist');

/** The version in package.json, shown in the API and the footer. */
export const projectVersion: string = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
