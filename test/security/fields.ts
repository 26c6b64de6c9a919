// The fields a pull request fills, as data: how to set each one in a fleet, where it reads
// back in master.cfg, and what it must (or must never) hold.
import { format } from '../../src/expand/expand.js';
import type { Expectation, FleetData } from './harness.js';

// Independent statements of what each kind of field must (or must never) hold: written
// from the requirements (Buildbot's rules, "free text: anything printable"), not copied
// from the schemas they test.
export const length = (v: string) => [...v].length;
const controlOrLoneSurrogate = /[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Anything printable may be written in free text (tab and newline included when multi-line). */
export const printable = (v: string, multiline: boolean) => !controlOrLoneSurrogate.test(v) && (multiline || !/[\t\n\u2028\u2029]/.test(v));
/** A value that becomes part of an identifier or a path: no spaces, slashes, `..` or controls. */
const pathSafe = (v: string) => /^[A-Za-z0-9._-]*$/.test(v) && !v.includes('..');
/** Buildbot's worker names: identifiers of at most 50 characters (buildbot.util.identifiers). */
const buildbotIdentifier = (v: string) => /^[a-zA-Z_-][a-zA-Z0-9_-]*$/.test(v) && v.length <= 50;

export interface Field {
  /** Put `v` in the fleet (and whatever must agree with it). */
  set(f: FleetData, v: string): void;
  /** Where the value reads back in master.cfg. */
  expect(v: string): Expectation[];
  /** Free text: printable values up to this length must be accepted. */
  free?: { maxLength: number; multiline: boolean; also?: (v: string) => boolean };
  /** Patterned: every accepted value satisfies this. */
  safe?: (v: string) => boolean;
  /** The shape of valid values, for the generator. */
  shape?: RegExp;
}

const W = (f: FleetData) => f.workers.workers[0]!;
const B = (f: FleetData) => f.builders.builders[0]!;
const V = (f: FleetData) => f.builders.variants.debug as Record<string, unknown>;
const rename = (o: Record<string, unknown>, from: string, to: string) => {
  o[to] = o[from];
  if (to !== from) delete o[from];
};
const KEYISH = /^[a-z0-9][a-z0-9-]{0,8}$/;
const BRANCHISH = /^[A-Za-z0-9][A-Za-z0-9._-]{0,8}$/;
const BASE_BUILDER = { name: 'AMD64 Debian 3.x', builddir: '3.x.alice-linux' };

export const FAMILIES: Record<string, Record<string, Field>> = {
  'free text': {
    'worker notes': { set: (f, v) => void (W(f).notes = v), expect: (v) => [['WORKERS', [0, 'notes'], v]], free: { maxLength: 2000, multiline: true } },
    // Not rendered at all: still accepted when printable, and the output stays valid.
    'builder notes': { set: (f, v) => void (B(f).notes = v), expect: () => [['BUILDERS', [0, 'name'], BASE_BUILDER.name]], free: { maxLength: 2000, multiline: true } },
    'os version': {
      set: (f, v) => void (W(f).os.version = v),
      expect: (v) => [['WORKERS', [0, 'os'], v ? `linux debian ${v}` : 'linux debian']],
      free: { maxLength: 60, multiline: false },
    },
    'variant description': { set: (f, v) => void (V(f).description = v), expect: (v) => [['BUILDERS', [0, 'description'], v]], free: { maxLength: 200, multiline: false } },
    'builder display name': {
      set: (f, v) => void (B(f).name = v),
      expect: (v) => [
        ['BUILDERS', [0, 'name'], `${v} 3.x`],
        ['SCHEDULERS', [0, 'builders'], [`${v} 3.x`]],
      ],
      // Buildbot refuses builder names starting with `_`; a leading or trailing space is a typo.
      free: { maxLength: 100, multiline: false, also: (v) => v !== '' && !/^[_ ]| $/.test(v) },
    },
    'configure argument': {
      set: (f, v) => void (B(f).configure_extra = [v]),
      expect: (v) => [['BUILDERS', [0, 'steps', 1, 'command'], ['./configure', '--with-pydebug', v]]],
      free: { maxLength: 500, multiline: false, also: (v) => v !== '' },
    },
  },
  names: {
    'worker name': {
      shape: /^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){1,3}$/,
      set: (f, v) => {
        W(f).name = v;
        W(f).owner = v.split('-')[0]!;
        B(f).worker = v;
      },
      expect: (v) => [
        ['WORKERS', [0, 'name'], v],
        ['BUILDERS', [0, 'worker'], v],
      ],
      safe: (v) => buildbotIdentifier(v) && pathSafe(v),
    },
    owner: {
      shape: /^[a-z][a-z0-9]{0,8}$/,
      set: (f, v) => {
        W(f).owner = v;
        W(f).name = `${v}-linux`;
        B(f).worker = `${v}-linux`;
      },
      expect: (v) => [['WORKERS', [0, 'owner'], v]],
      safe: (v) => buildbotIdentifier(`${v}-linux`) && pathSafe(v) && v !== '',
    },
    'variant key': {
      shape: KEYISH,
      set: (f, v) => {
        rename(f.builders.variants, 'debug', v);
        B(f).variant = v;
      },
      expect: (v) => [['BUILDERS', [0, 'variant'], v]],
      safe: (v) => pathSafe(v) && v !== '',
    },
    'scheduler key': {
      shape: KEYISH,
      set: (f, v) => {
        rename(f.builders.schedulers, 'push', v);
        V(f).schedule = v;
      },
      expect: (v) => [['SCHEDULERS', [0, 'name'], `3.x-${v}`]],
      safe: (v) => pathSafe(v) && v !== '',
    },
    // Tags are labels, not paths: `..` is harmless in them.
    tag: { shape: KEYISH, set: (f, v) => void (V(f).tags = [v]), expect: (v) => [['BUILDERS', [0, 'tags'], ['3.x', v]]], safe: (v) => /^[A-Za-z0-9._-]+$/.test(v) },
    distribution: { shape: KEYISH, set: (f, v) => void (W(f).os.distribution = v), expect: (v) => [['WORKERS', [0, 'os'], `linux ${v} 12`]], safe: (v) => pathSafe(v) && v !== '' },
  },
  branches: {
    'branch name': {
      shape: BRANCHISH,
      set: (f, v) => rename(f.builders.branches, '3.x', v),
      expect: (v) => [
        ['BUILDERS', [0, 'name'], `AMD64 Debian ${v}`],
        ['BUILDERS', [0, 'builddir'], `${v}.alice-linux`],
        ['SCHEDULERS', [0, 'name'], `${v}-push`],
      ],
      safe: (v) => pathSafe(v) && /^[A-Za-z0-9]/.test(v),
    },
    'git branch': { shape: BRANCHISH, set: (f, v) => void (f.builders.branches['3.x']!.git_branch = v), expect: (v) => [['SCHEDULERS', [0, 'git_branch'], v]], safe: (v) => pathSafe(v) && /^[A-Za-z0-9]/.test(v) },
    'branch rule': {
      shape: BRANCHISH,
      set: (f, v) => {
        rename(f.builders.branches, '3.x', v);
        (B(f) as Record<string, unknown>).branches = { only: [v] };
      },
      expect: (v) => [['BUILDERS', [0, 'branch'], v]],
      safe: (v) => pathSafe(v) && /^[A-Za-z0-9]/.test(v),
    },
  },
  paths: {
    'directory suffix': { shape: /^\.[A-Za-z0-9_-][A-Za-z0-9._-]{0,7}$/, set: (f, v) => void ((B(f) as Record<string, unknown>).suffix = v), expect: (v) => [['BUILDERS', [0, 'builddir'], `${BASE_BUILDER.builddir}${v}`]], safe: pathSafe },
    'ignored path': { shape: /^[A-Za-z0-9._/-]{1,12}$/, set: (f, v) => void (f.builders.schedulers.push!.ignore_paths = [v]), expect: (v) => [['SCHEDULERS', [0, 'ignore_paths'], [v]]], safe: (v) => /^[A-Za-z0-9._/-]+$/.test(v) },
    'name format': {
      shape: /^(?:[a-z .-]|\{(?:name|branch|worker|suffix)\}){1,6}$/,
      set: (f, v) => void ((B(f) as Record<string, unknown>).name_format = v),
      expect: (v) => [['BUILDERS', [0, 'name'], format(v, { name: 'AMD64 Debian', branch: '3.x', worker: 'alice-linux' })]],
      safe: (v) => !/[\x00-\x1f\x7f"\\]/.test(v) && !v.startsWith('_'),
    },
    'directory format': {
      shape: /^(?:[a-z._-]|\{(?:name|branch|worker|suffix|builder)\}){1,6}$/,
      set: (f, v) => void ((B(f) as Record<string, unknown>).dir_format = v),
      expect: (v) => [['BUILDERS', [0, 'builddir'], format(v, { name: 'AMD64 Debian', branch: '3.x', worker: 'alice-linux', suffix: '', builder: BASE_BUILDER.name })]],
      // The directory it makes (checked on the output, since placeholders are filled in).
      safe: (v) => {
        const dir = format(v, { name: 'AMD64 Debian', branch: '3.x', worker: 'alice-linux', suffix: '', builder: BASE_BUILDER.name });
        return pathSafe(dir) && dir !== '' && !dir.startsWith('.');
      },
    },
  },
};


