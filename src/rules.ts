// Every rule a problem can name, in one registry: its id (shown as `[rule]`), whether it is an
// error or a warning, and what it checks. `Problem.rule` must be one of these ids.
export const RULES = {
  // ---- reading the files (src/load) ----
  'file-unreadable': { severity: 'error', description: 'The file cannot be read (missing, a directory, a FIFO or a symlink).' },
  'file-too-large': { severity: 'error', description: 'The file is over 10 MiB or holds more than a million values.' },
  'empty-file': { severity: 'error', description: 'The file holds no YAML document.' },
  'yaml-syntax': { severity: 'error', description: 'YAML the parser cannot read; the hint says what to change.' },
  'yaml-too-deep': { severity: 'error', description: 'More than 64 levels of nesting.' },
  'yaml-alias-limit': { severity: 'error', description: 'Aliases that expand too far, or an alias inside its own anchor.' },
  'duplicate-key': { severity: 'error', description: 'A mapping names the same key twice.' },
  'yaml-merge': { severity: 'error', description: 'A YAML merge key (`<<`) that cannot be applied.' },
  'non-text-key': { severity: 'error', description: 'A key YAML reads as a number, boolean or null where text is wanted (quote it).' },
  // ---- the schemas (src/validate/schema-check.ts) ----
  'unknown-field': { severity: 'error', description: 'A field the schema does not know (with the nearest known one).' },
  'missing-field': { severity: 'error', description: 'A required field is missing.' },
  'wrong-type': { severity: 'error', description: 'A value of the wrong type (e.g. a number where text is wanted).' },
  'unknown-value': { severity: 'error', description: 'A value outside the allowed list.' },
  'bad-format': { severity: 'error', description: 'Text that does not have the required form (names, tags, paths, versions).' },
  'out-of-range': { severity: 'error', description: 'A number outside its range.' },
  'too-long': { severity: 'error', description: 'Text or a list over its length limit.' },
  'too-many': { severity: 'error', description: 'A list or mapping with too many entries.' },
  'empty-value': { severity: 'error', description: 'An empty list, mapping or text where one is needed.' },
  schema: { severity: 'error', description: 'Any other schema error (ajv\'s own words).' },
  'duplicate-item': { severity: 'error', description: 'A list names the same item twice.' },
  'hidden-character': { severity: 'warning', description: 'Invisible or bidirectional characters in text.' },
  'secret-like-text': { severity: 'warning', description: 'Free text that looks like a password or token.' },
  'secret-in-yaml': { severity: 'error', description: 'A password or token in the declarations (they belong in the settings file).' },
  // ---- the semantic checks (src/validate/semantic) ----
  'branch-version': { severity: 'error', description: 'A branch without a version, with two, or a pull-request branch with a git branch.' },
  'duplicate-git-branch': { severity: 'error', description: 'Two branches build the same git branch.' },
  'unknown-branch': { severity: 'error', description: 'A rule or scheduler names a branch that is not declared.' },
  'unknown-feature': { severity: 'error', description: 'A branch names a feature that is not declared under `features`.' },
  'unknown-scheduler': { severity: 'error', description: 'A kind or the defaults name a scheduler that is not declared.' },
  'bad-schedule': { severity: 'error', description: 'The default scheduler does not run on push.' },
  'variant-cycle': { severity: 'error', description: 'Kinds that extend each other in a circle.' },
  'unknown-variant': { severity: 'error', description: 'A definition or kind names a kind that is not declared.' },
  'variant-field': { severity: 'error', description: 'A kind sets a field its family does not read.' },
  'variant-os': { severity: 'error', description: "A kind's family cannot run on the worker's OS." },
  'duplicate-worker': { severity: 'error', description: 'Two workers of the same name.' },
  'owner-mismatch': { severity: 'error', description: 'A worker name that does not start with its owner.' },
  'unknown-os': { severity: 'warning', description: 'An OS family the tool has not seen (fine if right).' },
  'arch-alias': { severity: 'error', description: 'Another name for a known CPU architecture (`amd64` for `x86-64`).' },
  'unknown-arch': { severity: 'warning', description: 'A CPU architecture the tool has not seen (fine if right).' },
  'unknown-worker': { severity: 'error', description: 'A definition names a worker that is not declared.' },
  'offline-stable': { severity: 'warning', description: 'A stable builder on an offline worker.' },
  'unused-worker': { severity: 'warning', description: 'A worker no definition uses.' },
  // ---- the expanded matrix (src/validate/semantic/matrix-checks.ts) ----
  'duplicate-builder': { severity: 'error', description: 'Two builders of the same name.' },
  'builddir-collision': { severity: 'error', description: 'Two builders that would share a builder directory.' },
  'bad-builddir': { severity: 'error', description: 'A builder directory that is not a safe directory name.' },
  'bad-name': { severity: 'error', description: 'A builder name Buildbot reserves (leading `_`).' },
  'schedule-hour': { severity: 'error', description: 'A nightly scheduler without an hour for a branch it serves.' },
  'no-builders': { severity: 'warning', description: 'A definition that no branch rule lets run anywhere.' },
  // ---- writing out/ (src/output.ts) ----
  'output-not-a-file': { severity: 'error', description: 'The generated file is a symlink or not a regular file.' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; description: string }>;

export type RuleId = keyof typeof RULES;
