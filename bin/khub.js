#!/usr/bin/env node
// The installed `khub` command runs the compiled CLI; `npm run build` (or `npm start`) compiles it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  process.stderr.write('khub: not built yet. Run `npm run build` first, or use `npm run khub -- <command>` in development.\n');
  process.exit(1);
}
await import(compiled);
