// Fleet-wide settings of master.cfg (`master:`) and the branch features (`features:`),
// with the 2017 fleet's behaviour as the defaults.
import { type Feature, type MasterOptions, type PullRequestOptions, REPORTERS, type ReportedGroup, type ReporterTargets, WWW_ACTIONS, type WwwPolicy } from '../../model/types.js';
import { type Checker, entries, isObj, strs } from './context.js';

/** The 2017 master's patterns: a test run that passes can still be suspect. */
const PATTERNS_2017 = [
  'Warning -- ',
  'Fatal Python error:',
  'Exception ignored in:',
  'Windows fatal exception:',
  'ResourceWarning',
  'Re-running failed tests in verbose mode',
  'Re-running test .* in verbose mode',
  'Unhandled exception in thread started by ',
  'test_\\S+ leaked ',
];

export function checkMaster(c: Checker): { master: MasterOptions; features: Record<string, Feature> } {
  const raw = isObj(c.bd.master) ? c.bd.master : {};
  const bool = (k: string, d: boolean) => (typeof raw[k] === 'boolean' ? (raw[k] as boolean) : d);
  const src = isObj(raw.source) ? raw.source : {};
  const { step, ...args } = src;
  const master: MasterOptions = {
    test_warning_patterns: Array.isArray(raw.test_warning_patterns) ? strs(raw.test_warning_patterns) : PATTERNS_2017,
    source: { step: step === 'GitHub' ? 'GitHub' : 'Git', args },
    ...(typeof raw.test_results_dest === 'string' ? { test_results_dest: raw.test_results_dest } : {}),
    worker_properties: bool('worker_properties', true),
    ...(typeof raw.keepalive_interval === 'number' ? { keepalive_interval: raw.keepalive_interval } : {}),
    cpu_lock: bool('cpu_lock', true),
    builder_descriptions: bool('builder_descriptions', true),
    github: bool('github', false),
    ...(bool('github', false) ? { pull_requests: pullRequests(raw.pull_requests), reporters: reporterTargets(raw.reporters) } : {}),
    ...(isObj(raw.janitor) ? { janitor: raw.janitor as MasterOptions['janitor'] } : {}),
    ...(isObj(raw.caches) ? { caches: raw.caches as Record<string, number> } : {}),
    www_plugins: strs(raw.www_plugins),
    www: wwwPolicy(c, raw.www),
  };
  const features: Record<string, Feature> = Object.create(null);
  for (const [name, f] of entries(c.bd.features)) {
    features[name] = {
      name,
      ...(typeof f.description === 'string' ? { description: f.description } : {}),
      drop_tags: strs(f.drop_tags),
      refleak_timeout_factor: typeof f.refleak_timeout_factor === 'number' ? f.refleak_timeout_factor : 1,
    };
  }
  return { master, features };
}

/** Today's pull-request testing (buildmaster-config's): the defaults of `master.pull_requests`. */
export const PULL_REQUESTS_DEFAULT: PullRequestOptions = {
  labels: { ':hammer: test-with-buildbots': '.*', ':hammer: test-with-refleak-buildbots': '.*Refleaks.*' },
  command: '!buildbot',
  permissions: ['admin', 'write'],
};

/** Today's reporters: statuses for stable and pull-request builders, the rest stable only. */
export const REPORTERS_DEFAULT: ReporterTargets = {
  github_status: ['stable', 'pull_request'],
  pull_request_comment: ['stable'],
  discord: ['stable'],
  mail: ['stable'],
  commit_url: 'https://github.com/python/cpython/commit/',
};

function pullRequests(raw: unknown): PullRequestOptions {
  const pr = isObj(raw) ? raw : {};
  return {
    labels: isObj(pr.labels) ? Object.fromEntries(Object.entries(pr.labels).filter(([, v]) => typeof v === 'string') as [string, string][]) : { ...PULL_REQUESTS_DEFAULT.labels },
    command: pr.command === null ? null : typeof pr.command === 'string' ? pr.command : PULL_REQUESTS_DEFAULT.command,
    permissions: Array.isArray(pr.permissions) ? strs(pr.permissions) : [...PULL_REQUESTS_DEFAULT.permissions],
  };
}

function reporterTargets(raw: unknown): ReporterTargets {
  const r = isObj(raw) ? raw : {};
  const targets = { ...REPORTERS_DEFAULT };
  for (const k of REPORTERS) if (Array.isArray(r[k])) targets[k] = strs(r[k]) as ReportedGroup[];
  if (typeof r.commit_url === 'string') targets.commit_url = r.commit_url;
  return targets;
}

/** The web UI policy (`master.www`); without one, admins may do anything and no one else anything. */
function wwwPolicy(c: Checker, raw: unknown): WwwPolicy {
  const www = isObj(raw) ? raw : {};
  const roles = isObj(www.roles) ? www.roles : {};
  const allowRaw = isObj(www.allow) ? www.allow : undefined;
  const admins = typeof roles.admins === 'string' ? roles.admins : 'admins';
  const allow: WwwPolicy['allow'] = {};
  for (const action of WWW_ACTIONS) if (allowRaw && Array.isArray(allowRaw[action])) allow[action] = strs(allowRaw[action]);
  const policy: WwwPolicy = {
    roles: {
      admins,
      ...(typeof roles.owner === 'string' ? { owner: roles.owner } : {}),
      ...(typeof roles.teams_prefix === 'string' ? { teams_prefix: roles.teams_prefix } : {}),
    },
    allow: allowRaw ? allow : { control: [admins] },
    unmatched_control: www.unmatched_control === 'allow' ? 'allow' : 'deny',
  };
  // Without GitHub teams, the only roles a user can have are the admins and owner roles.
  if (policy.roles.teams_prefix === undefined) {
    const known = new Set([policy.roles.admins, policy.roles.owner]);
    for (const action of WWW_ACTIONS) {
      (policy.allow[action] ?? []).forEach((role, i) => {
        if (!known.has(role)) {
          const message = `no one can have role \`${role}\`: without \`roles.teams_prefix\` the roles are \`${policy.roles.admins}\` (settings web_admins)${policy.roles.owner ? ` and \`${policy.roles.owner}\` (a build's owner)` : ''}`;
          c.report(c.b, ['master', 'www', 'allow', action, i], message, 'www-unknown-role');
        }
      });
    }
  }
  if (policy.unmatched_control === 'allow') {
    const message =
      'control actions that no role is granted are open to everyone, signed in or not: anyone who reaches the web port can force, stop and rebuild builds (grant actions to roles under `allow` and remove this line to refuse the rest)';
    c.report(c.b, ['master', 'www', 'unmatched_control'], message, 'www-open-control');
  }
  return policy;
}
