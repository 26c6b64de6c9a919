// Run dump_config.py (Buildbot's own loader, in the Python of the Buildbot under test) and type what it prints.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, run } from '../pipeline/helpers.js';

export const DUMPER = join(ROOT, 'test/fleet-2026/dump_config.py');

export interface DumpStep {
  class: string;
  mro: string[];
  args: unknown[];
  kwargs: Record<string, unknown>;
  /** Attributes of the step built from its factory (class defaults resolved). */
  attrs: Record<string, unknown>;
}
export interface DumpBuilder {
  name: string; workernames: string[]; builddir: string; tags: string[]; canStartBuild: boolean;
  locks: string[]; steps: DumpStep[];
}
export interface DumpWorker {
  name: string; class: string; max_builds: number | null; keepalive_interval: number | null;
  notify_on_missing: string[]; missing_timeout: number | null; properties: Record<string, unknown>; password_set: boolean;
  passed_kwargs: string[];
}
export interface DumpParameter { class: string; name: string; label: unknown; default: unknown; codebase?: string; fields?: DumpParameter[] }
export interface DumpScheduler {
  name: string; class: string; mro: string[]; builderNames: string[]; treeStableTimer?: number | null;
  onlyImportant?: boolean; fileIsImportant: boolean; stable_builder_names?: string[];
  change_filter: { repr: string; filter_fn: boolean; filters: { prop: string; kind: string; values: unknown }[] } | null;
  important?: boolean[]; accepts?: boolean[];
  reason?: DumpParameter | null; forcedProperties?: DumpParameter[];
}
export interface DumpService { class: string; name: string | null; mro: string[]; generators?: { class: string; builders?: string[] | null; mode?: unknown; workers?: unknown }[] }
export interface Dump {
  workers: DumpWorker[];
  builders: DumpBuilder[];
  schedulers: DumpScheduler[];
  globals: {
    title: string; titleURL: string; buildbotURL: string; db_url: string; protocols: Record<string, Record<string, unknown>>;
    buildbotNetUsageData: unknown; change_sources: string[]; www: Record<string, any>; services: DumpService[];
    caches: Record<string, number>; configurators: Record<string, any>[];
    added_by_configurators: { workers?: string[]; builders?: string[]; schedulers?: string[] };
  };
}

export interface Probes { files?: string[][]; changes?: { branch: string; properties?: Record<string, unknown> }[] }

/** Load `cfg` with Buildbot (`python`: a Buildbot's, test/buildbots.ts) and return the dump; `settings` is YAML text (undefined: no settings file). */
export function dump(python: string, cfg: string, opts: { settings?: string; probes?: Probes } = {}): { dump: Dump; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bmg-dump-'));
  const args = [DUMPER, cfg];
  if (opts.settings === undefined) args.push('--no-settings');
  else {
    writeFileSync(join(dir, 'settings.yaml'), opts.settings);
    args.push('--settings', join(dir, 'settings.yaml'));
  }
  if (opts.probes) {
    writeFileSync(join(dir, 'probes.json'), JSON.stringify(opts.probes));
    args.push('--probes', join(dir, 'probes.json'));
  }
  const r = run(python, args, { cwd: dir });
  if (r.status !== 0) throw new Error(`dump_config.py ${cfg} failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  return { dump: JSON.parse(r.stdout) as Dump, stderr: r.stderr };
}
