// Defaults and schedulers: a nightly scheduler's branches must exist, and the default
// schedule must name a push scheduler (`push` is implicit when not declared).
import { didYouMean } from '../../model/problems.js';
import type { Defaults, Scheduler } from '../../model/types.js';
import type { CheckedBranches } from './branches.js';
import { type Checker, entries, hasOwn, isObj, strs } from './context.js';

const DEFAULTS: Defaults = { test_timeout: 1200, faulthandler_margin: 300, schedule: 'push', test_jobs: 2 };

export interface CheckedSchedulers {
  defaults: Defaults;
  schedulers: Record<string, Scheduler>;
}

export function checkSchedulers(c: Checker, branches: CheckedBranches): CheckedSchedulers {
  const { b, bd } = c;
  const { known: knownBranch, hint } = branches;
  const rawDefaults = isObj(bd.defaults) ? bd.defaults : {};
  // Only well-typed values: a wrong type is a schema error already, and must not derail the checks below.
  const defaults: Defaults = { ...DEFAULTS, ...Object.fromEntries(Object.entries(rawDefaults).filter(([k, v]) => typeof v === typeof DEFAULTS[k as keyof Defaults])) };
  const schedulers: Record<string, Scheduler> = Object.create(null);
  for (const [key, raw] of entries(bd.schedulers)) {
    if (raw.on === 'nightly') {
      if (isObj(raw.hour)) {
        for (const br of Object.keys(raw.hour)) {
          if (!knownBranch.has(br)) c.report(b, ['schedulers', key, 'hour', br], `unknown branch \`${br}\`${hint(br)}`, 'unknown-branch', { key: true });
        }
      }
      (Array.isArray(raw.on_push_for) ? (raw.on_push_for as unknown[]) : []).forEach((br, i) => {
        if (typeof br === 'string' && !knownBranch.has(br)) c.report(b, ['schedulers', key, 'on_push_for', i], `unknown branch \`${br}\`${hint(br)}`, 'unknown-branch');
      });
      schedulers[key] = { name: key, on: 'nightly', hour: (raw.hour as number | Record<string, number>) ?? 0, minute: typeof raw.minute === 'number' ? raw.minute : 0, on_push_for: strs(raw.on_push_for), name_format: nameFormat(raw) };
    } else if (raw.on === 'pull_request') {
      schedulers[key] = {
        name: key,
        on: 'pull_request',
        name_format: typeof raw.name === 'string' ? raw.name : key,
        tree_stable_timer: typeof raw.tree_stable_timer === 'number' ? raw.tree_stable_timer : 30,
        group_order: strs(raw.group_order),
      };
    } else {
      schedulers[key] = {
        name: key,
        on: 'push',
        ignore_paths: strs(raw.ignore_paths),
        ignore_suffixes: strs(raw.ignore_suffixes),
        only_important: raw.only_important !== false,
        ...(typeof raw.tree_stable_timer === 'number' ? { tree_stable_timer: raw.tree_stable_timer } : {}),
        name_format: nameFormat(raw),
      };
    }
  }
  if (!isObj(bd.schedulers) || !hasOwn(schedulers, defaults.schedule)) {
    if (defaults.schedule === 'push' && !(isObj(bd.schedulers) && hasOwn(bd.schedulers, 'push'))) {
      // The implicit default: every push, every file counts.
      schedulers.push = { name: 'push', on: 'push', ignore_paths: [], ignore_suffixes: [], only_important: true, name_format: '{branch}-{key}' };
    } else c.report(b, ['defaults', 'schedule'], `unknown scheduler \`${defaults.schedule}\`${didYouMean(defaults.schedule, Object.keys(schedulers))}`, 'unknown-scheduler');
  } else if (schedulers[defaults.schedule]!.on !== 'push') {
    c.report(b, ['defaults', 'schedule'], `the default scheduler \`${defaults.schedule}\` must run on push`, 'bad-schedule');
  }
  return { defaults, schedulers };
}

const nameFormat = (raw: Record<string, unknown>) => (typeof raw.name === 'string' ? raw.name : '{branch}-{key}');
