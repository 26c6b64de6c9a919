// A small git repository imitating CPython's build interface (configure,
// Makefile, Doc/Makefile, Mac/BuildScript/build-installer.py, an installable
// python<X.Y> that runs `-m test.regrtest`). Its sources live in
// test/e2e/fixture-repo/; @FIXTURE_VERSION@ is replaced per git branch
// (configure itself substitutes @VERSION@ and @prefix@ in Makefile.pre.in).
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'fixture-repo');
const EXECUTABLES = ['configure', 'Tools/fixture/python.sh'];

/** What the fixture's `-m test.regrtest` does (file Lib/test/fixture_outcome). */
export type Outcome = 'pass' | 'warn' | 'fail';

export interface Commit {
  branch: string;
  sha: string;
  /** Files the commit touched, as `buildbot sendchange` lists them. */
  files: string[];
}

export interface PullRequest {
  number: number;
  /** The branch it targets (git name, e.g. main). */
  base: string;
  headSha: string;
  /** The commit under refs/pull/<number>/merge. */
  mergeSha: string;
  files: string[];
  message: string;
}

export class FixtureRepo {
  private constructor(readonly dir: string) {}

  /**
   * Creates the repository in `dir` with one commit per git branch; each
   * branch's interpreter has the given Python version (e.g. master -> 3.7).
   */
  static create(dir: string, branches: Record<string, string>): FixtureRepo {
    mkdirSync(dir, { recursive: true });
    const repo = new FixtureRepo(dir);
    const [first, ...others] = Object.keys(branches);
    repo.git('init', '--quiet', `--initial-branch=${first}`);
    repo.writeTree(branches[first]);
    repo.git('add', '--all');
    repo.git('commit', '--quiet', '-m', `fixture for Python ${branches[first]}`);
    for (const branch of others) {
      repo.git('checkout', '--quiet', '-b', branch, first);
      repo.writeTree(branches[branch]);
      repo.git('add', '--all');
      repo.git('commit', '--quiet', '--allow-empty', '-m', `fixture for Python ${branches[branch]}`);
    }
    repo.git('checkout', '--quiet', first);
    return repo;
  }

  /**
   * Commits `files` (path -> content, or null to delete) on `branch` and
   * returns what a push would report.
   */
  commit(branch: string, files: Record<string, string | null>, message = 'change'): Commit {
    this.git('checkout', '--quiet', branch);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) {
        rmSync(join(this.dir, path));
        continue;
      }
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return { branch, sha: this.git('rev-parse', 'HEAD'), files: Object.keys(files).sort() };
  }

  /**
   * A pull request as GitHub keeps it in the base repository: its head commit
   * (on a branch of its own, from `base`) under refs/pull/<number>/head, and
   * the merge of that head into `base` under refs/pull/<number>/merge (what PR
   * builds check out). The base branch itself does not move.
   */
  pullRequest(number: number, base: string, files: Record<string, string | null>, message = `PR ${number}`): PullRequest {
    this.git('checkout', '--quiet', '-B', `pr-${number}`, base);
    const headCommit = this.commit(`pr-${number}`, files, message);
    this.git('checkout', '--quiet', base);
    this.git('merge', '--quiet', '--no-ff', '--no-edit', `pr-${number}`);
    const merge = this.git('rev-parse', 'HEAD');
    this.git('reset', '--quiet', '--hard', 'HEAD~1');
    this.git('update-ref', `refs/pull/${number}/head`, headCommit.sha);
    this.git('update-ref', `refs/pull/${number}/merge`, merge);
    return { number, base, headSha: headCommit.sha, mergeSha: merge, files: headCommit.files, message };
  }

  /** A commit that tells the fixture's test run to pass, warn or fail. */
  commitOutcome(branch: string, outcome: Outcome): Commit {
    return this.commit(branch, { 'Lib/test/fixture_outcome': `${outcome}\n` }, `tests: ${outcome}`);
  }

  /** A commit whose `make all` fails, as a compile error would. */
  commitBrokenBuild(branch: string): Commit {
    return this.commit(branch, { 'Tools/fixture/break-compile': '\n' }, 'break the build');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Fixture',
        GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
        GIT_COMMITTER_NAME: 'Fixture',
        GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
      },
    }).trim();
  }

  private writeTree(version: string): void {
    cpSync(SOURCE, this.dir, { recursive: true });
    for (const file of listFiles(this.dir)) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('@FIXTURE_VERSION@')) {
        writeFileSync(file, text.replaceAll('@FIXTURE_VERSION@', version));
      }
    }
    // Git keeps the executable bit; make sure it is set whatever the checkout did.
    for (const file of EXECUTABLES) chmodSync(join(this.dir, file), 0o755);
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === '.git') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
