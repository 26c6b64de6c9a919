// The files `deploy` copies from the fleet's out/ into the master's directory: everything
// `generate` writes there (master.cfg and any module beside it), not the HTML report, not
// byte-code caches, not temporary files. Each file is replaced atomically (temporary file +
// rename); the copies they replace are kept in BASEDIR/.deploy-previous/ for a rollback.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { writeAtomic } from '../cli/out-dir.js';

export const PREVIOUS = '.deploy-previous';

/** The paths, relative to `out`, of what a master loads from out/, sorted. */
export function deployableFiles(out: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === '__pycache__' || name.endsWith('.html') || name.endsWith('.pyc')) continue;
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) found.push(relative(out, path));
    }
  };
  walk(out);
  return found;
}

/** The files of `files` whose content differs between out/ and BASEDIR (a missing one differs). */
export function changedFiles(out: string, basedir: string, files: string[]): string[] {
  return files.filter((f) => {
    const there = join(basedir, f);
    return !existsSync(there) || !readFileSync(there).equals(readFileSync(join(out, f)));
  });
}

/** Copy `files` from out/ into BASEDIR, keeping what they replace in BASEDIR/.deploy-previous/
 *  (replaced as a whole: it holds the set that ran before this deploy). */
export function install(out: string, basedir: string, files: string[]): void {
  const previous = join(basedir, PREVIOUS);
  rmSync(previous, { recursive: true, force: true });
  for (const f of files) {
    const there = join(basedir, f);
    if (existsSync(there)) {
      mkdirSync(dirname(join(previous, f)), { recursive: true });
      copyFileSync(there, join(previous, f));
    }
  }
  for (const f of files) writeAtomic(join(basedir, f), readFileSync(join(out, f), 'utf8'));
}

/** Put back what install() replaced (files that were new are removed). */
export function rollBack(basedir: string, files: string[]): void {
  const previous = join(basedir, PREVIOUS);
  for (const f of files) {
    const kept = join(previous, f);
    if (existsSync(kept)) writeAtomic(join(basedir, f), readFileSync(kept, 'utf8'));
    else rmSync(join(basedir, f), { force: true });
  }
}
