// A PostgreSQL server of the tests' own, like production's database (Debian's `postgresql`):
// a fresh cluster in a temporary directory (initdb), on a free loopback port, started with
// pg_ctl as the `postgres` user when the tests run as root, with a role and a database for
// the master (password authentication over TCP, as a master on another host would use).
// stop() stops it and removes the directory.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './harness.js';

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin directory, or undefined. */
export function postgresBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT).filter((v) => existsSync(join(PG_ROOT, v, 'bin/pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(PG_ROOT, versions[0]!, 'bin') : undefined;
}

export class Postgres {
  private stopped = false;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly user: string | undefined,
    /** The master's database URL (with its password: for the settings file only). */
    readonly url: string,
  ) {}

  static async start(): Promise<Postgres> {
    const bin = postgresBin();
    if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql (scripts/setup.sh installs it)');
    const dir = mkdtempSync(join(tmpdir(), 'buildmaster-gen-pg-'));
    // The server refuses to run as root: as root, run it as `postgres`.
    const user = process.getuid?.() === 0 ? 'postgres' : undefined;
    if (user) {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    chmodSync(dir, 0o700);
    const port = await freePort();
    const password = randomBytes(12).toString('hex');
    const pg = new Postgres(dir, port, bin, user, `postgresql://buildbot:${password}@127.0.0.1:${port}/buildbot`);
    try {
      pg.as(join(bin, 'initdb'), ['--pgdata', join(dir, 'data'), '--auth-local', 'trust', '--auth-host', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C.UTF-8', '--username', 'postgres']);
      pg.as(join(bin, 'pg_ctl'), ['--pgdata', join(dir, 'data'), '--log', join(dir, 'server.log'), '--wait', '--options', `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off`, 'start']);
      pg.sql(`CREATE ROLE buildbot LOGIN PASSWORD '${password}'`);
      pg.sql('CREATE DATABASE buildbot OWNER buildbot');
      return pg;
    } catch (e) {
      pg.stop();
      throw e;
    }
  }

  private as(command: string, args: string[]): string {
    const [cmd, argv] = this.user ? ['runuser', ['-u', this.user, '--', command, ...args]] : [command, args];
    return execFileSync(cmd as string, argv as string[], { encoding: 'utf8', cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Run SQL as the superuser over the cluster's socket; the output, unaligned. */
  sql(statement: string, database = 'postgres'): string {
    return this.as(join(this.bin, 'psql'), ['-h', this.dir, '-p', String(this.port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', statement]).trim();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    try {
      this.as(join(this.bin, 'pg_ctl'), ['--pgdata', join(this.dir, 'data'), '--mode', 'immediate', '--wait', 'stop']);
    } catch {
      // not started
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Create Buildbot's tables in `url` with `buildbot` (create-master --db, in a scratch directory). */
export function createMasterDb(buildbot: string, url: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'buildmaster-gen-pg-master-'));
  try {
    writeFileSync(join(scratch, '.keep'), '');
    execFileSync(buildbot, ['create-master', '--quiet', '--db', url, join(scratch, 'master')], { stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
