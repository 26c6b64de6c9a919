// What a trial prints as it goes: the worker's connections, each step's name, the commands
// its log shows, its result and the end of its output, and each build's result with the
// step that failed and the tests that failed.
import type { BuildEnd } from './session.js';
import type { TryEvent } from './events.js';

/** Steps Buildbot adds to a build (not the builder's own): shown only when they fail. */
const BUILDBOT_STEPS = new Set(['worker_preparation', 'locks_acquire']);
/** Output lines shown of a step that succeeded (all of `tail` when it did not). */
const SUCCESS_LINES = 3;

export const GREEN = new Set(['success', 'warnings', 'skipped']);

/** The tests regrtest names after "N tests failed:" (and "failed again:"), from a log's last lines. */
export function failedTests(lines: string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\d+ tests? failed(?: again)?:\s*$/.test(lines[i]!)) continue;
    for (let j = i + 1; j < lines.length && /^\s+\S/.test(lines[j]!); j++) names.push(...lines[j]!.trim().split(/\s+/));
  }
  return [...new Set(names)];
}

interface Failed {
  step: string;
  commands: string[];
  tests: string[];
}

export class TrialReport {
  private readonly builders = new Map<number, string>();
  private readonly failed = new Map<number, Failed[]>();

  constructor(
    private readonly out: (s: string) => void,
    /** Prefix each line with its builder (several builders may build at once). */
    private readonly several: boolean,
  ) {}

  private line(buildid: number | undefined, text: string): void {
    const who = buildid !== undefined && this.several ? `[${this.builders.get(buildid) ?? `build ${buildid}`}] ` : '';
    this.out(`${text.split('\n').map((l) => `${who}${l}`).join('\n')}\n`);
  }

  event(e: TryEvent): void {
    switch (e.event) {
      case 'ready':
        return;
      case 'worker': {
        const about = [e.info.version && `buildbot-worker ${e.info.version}`, e.info.admin && `admin: ${e.info.admin.trim()}`, e.info.host && `host: ${e.info.host.trim().split('\n')[0]}`].filter(Boolean);
        return this.line(undefined, `worker ${e.name} ${e.state}${about.length ? ` (${about.join('; ')})` : ''}`);
      }
      case 'build-start':
        this.builders.set(e.buildid, e.builder);
        return this.line(e.buildid, `${e.builder}: build ${e.number} started`);
      case 'step-start':
        if (BUILDBOT_STEPS.has(e.name)) return;
        return this.line(e.buildid, `  step ${e.number} ${e.name} ...`);
      case 'step-end': {
        const ok = GREEN.has(e.result);
        if (ok && (e.hidden || BUILDBOT_STEPS.has(e.name))) return;
        if (!ok && e.result !== 'cancelled') {
          const list = this.failed.get(e.buildid) ?? [];
          list.push({ step: e.name, commands: e.commands, tests: failedTests(e.tail) });
          this.failed.set(e.buildid, list);
        }
        const shown = ok ? e.tail.slice(-SUCCESS_LINES) : e.tail;
        const time = e.seconds !== null ? ` in ${e.seconds} s` : '';
        return this.line(
          e.buildid,
          [
            ...e.commands.map((c) => `      $ ${c}`),
            `      ${e.name}: ${e.result}${time}${e.state && e.state !== e.name ? ` (${e.state})` : ''}${shown.length ? `; ${ok ? 'its last lines' : 'the end of its output'}:` : ''}`,
            ...shown.map((l) => `      | ${l}`),
          ].join('\n'),
        );
      }
      case 'build-end':
        return this.line(e.buildid, this.verdict(e));
    }
  }

  /** One build's result, with what failed. */
  verdict(e: BuildEnd): string {
    const failed = this.failed.get(e.buildid) ?? [];
    const time = e.seconds !== null ? ` in ${e.seconds} s` : '';
    const lines = [`${e.builder}: build ${e.number} ${e.result.toUpperCase()}${time}`];
    const [first, ...others] = failed;
    if (first) {
      lines.push(`  failed step: ${first.step}${first.commands.length ? ` (${first.commands[first.commands.length - 1]})` : ''}`);
      if (first.tests.length) lines.push(`  failed tests: ${first.tests.join(' ')}`);
    }
    if (others.length) lines.push(`  also not green: ${others.map((f) => f.step).join(', ')}`);
    return lines.join('\n');
  }
}
