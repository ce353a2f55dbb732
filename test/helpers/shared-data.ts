import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// The shared datasets live beside the repository (../shared/data); a clone elsewhere can point at
// them with KHUB_SHARED_DATA. They are read in place and never copied into the repository.
const CANDIDATES = [process.env.KHUB_SHARED_DATA, join(repoRoot, '..', 'shared', 'data'), '/work/shared/data'].filter(
  (dir): dir is string => typeof dir === 'string' && dir.length > 0,
);

/**
 * The path of a file in the shared datasets. Throws, rather than letting a test skip, when the data
 * cannot be found: a test that silently stops checking real data would pass for the wrong reason.
 */
export function sharedDataPath(...parts: string[]): string {
  for (const dir of CANDIDATES) {
    const path = join(dir, ...parts);
    if (existsSync(path)) return path;
  }
  throw new Error(`shared dataset ${parts.join('/')} not found in ${CANDIDATES.join(', ')}; set KHUB_SHARED_DATA to the shared/data folder`);
}
