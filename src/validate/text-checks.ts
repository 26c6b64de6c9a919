// Checks on the text of every key and value, whatever the schema: hidden characters (a name
// with a zero-width space looks like another name and is not one; a bidirectional control
// reorders what a reviewer sees), and free text that looks like a password or a token.
// Both are warnings: the value may be meant; a reviewer should look.
import type { Path, SourceFile } from '../load/load.js';
import type { Problem } from '../model/problems.js';
import type { RuleId } from '../model/problem-rules.js';
import { escapeHidden, HIDDEN, hiddenIn } from '../model/hidden-chars.js';
import { describePath, knownSecret } from './schema-check.js';
import { walkText } from '../model/walk-text.js';

/** Fields whose value is a name (of the entry, or of another one). */
const NAME_FIELDS = new Set(['name', 'worker', 'owner', 'variant', 'extends', 'tracks', 'schedule', 'git_branch', 'distribution']);

/** Free text that reads like a credential: `password=...`, `token: ...`, a URL with a password. */
const SECRET_LIKE: [RegExp, string][] = [
  [/\b(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|auth(?:orization)?|credentials?)\s*[:=]\s*['"]?[^\s'",;]{4,}/i, 'a password or a token (`name=value`)'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i, 'a URL with a password in it'],
  [/\b(?:Bearer|Basic)\s+[A-Za-z0-9+/._~-]{16,}=*/, 'an HTTP authorization header'],
];

/** A long run of letters and digits of every kind: how generated tokens look (git hashes are lower-case hex). */
const RANDOM = /[A-Za-z0-9+/_-]{32,}/g;
const looksRandom = (s: string) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) && !/^[A-Za-z]+[0-9]*$/.test(s);

/** Cheap first looks: most values are short names, with nothing hidden in them. */
const MAYBE_HIDDEN = new RegExp(HIDDEN.source); // without /g: no lastIndex between calls
const MAYBE_SECRET = /[:=@]|[A-Za-z0-9+/_-]{32}|Bearer|Basic/;

function secretLike(v: string): string | undefined {
  if (v.length < 12 || !MAYBE_SECRET.test(v)) return undefined;
  const found = SECRET_LIKE.find(([re]) => re.test(v));
  if (found) return found[1];
  return (v.match(RANDOM) ?? []).some(looksRandom) ? 'a token (a long random-looking string)' : undefined;
}

export function textProblems(src: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const warn = (path: Path, key: boolean, message: string, rule: RuleId) =>
    problems.push({ file: src.file, ...src.locate(path, key ? { key: true } : undefined), message, rule, severity: 'warning' });

  const hidden = (text: string, at: Path, key: boolean) => {
    if (!MAYBE_HIDDEN.test(text)) return;
    const path = [...at];
    const found = hiddenIn(text).filter((h) => !h.control); // control characters: the schema's errors
    if (!found.length) return;
    const field = String(path[path.length - 1] ?? '');
    const shown = `\`${escapeHidden(text)}\``;
    const where = key ? `the key ${shown}` : field === 'name' ? `the name ${shown}` : `${shown} (${describePath(src.data, path.map(String))})`;
    const isName = key || NAME_FIELDS.has(field);
    const what = found.map((h) => h.label).join(', ');
    const why = found.some((h) => h.bidi)
      ? 'a bidirectional control: the text shows in another order than it is stored and read'
      : isName
        ? `which is invisible: it looks like \`${text.replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, '')}\` but is another name`
        : 'which is invisible: the text is not what it looks like';
    warn(path, key, `${where} holds ${what}, ${why}; remove it`, 'hidden-character');
  };

  walkText(
    src.data,
    (k, path) => hidden(k, path, true),
    (v, path) => {
      hidden(v, path, false);
      const field = String(path[path.length - 1] ?? '');
      // Known kinds of secret (a GitHub token, ...) are errors of their own (secret-in-yaml).
      const like = NAME_FIELDS.has(field) ? undefined : secretLike(v);
      if (like && !knownSecret(v)) {
        warn([...path], false, `${describePath(src.data, path.map(String))} looks like it holds ${like}: secrets never go in the YAML (it is public); if it is one, remove it and change it, and send the new one to a maintainer privately`, 'secret-like-text');
      }
    },
  );
  return problems;
}
