// A schema's `pattern`, said in words: people are never shown a regular expression. This
// reads the simple patterns schemas are made of (character classes, literals, quantifiers:
// `^[a-z][a-z0-9-]*$`, `^[0-9]+\.[0-9]+$`); anything more (groups, lookarounds) gives
// undefined, and the caller says the rule another way (the field's description).

interface Atom {
  /** Plural words for what it matches ("lower-case letters, digits and `-`"); singular ("a lower-case letter or a digit"). */
  many: string;
  one: string;
  /** The exact class text, to compare atoms. */
  key: string;
  min: number;
  max: number;
}

/** Ranges people name in one word; letter pairs first, so `a-zA-Z` reads "letters". */
const NAMES: [string[], string, string][] = [
  [['a-zA-Z', 'A-Za-z'], 'letters', 'a letter'],
  [['a-z'], 'lower-case letters', 'a lower-case letter'],
  [['A-Z'], 'upper-case letters', 'an upper-case letter'],
  [['0-9'], 'digits', 'a digit'],
];

const list = (items: string[], and: string) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`);
const literal = (c: string) => (c === ' ' ? 'spaces' : `\`${c}\``);

/** `a-zA-Z0-9._-` -> words, or undefined for what this does not read (negation, \p{...}). */
function classWords(body: string): { many: string; one: string } | undefined {
  if (body.startsWith('^') || body.includes('\\p') || body.includes('\\P')) return undefined;
  const many: string[] = [];
  const one: string[] = [];
  let rest = body;
  // Letter pairs first (a-zA-Z reads "letters"), then the single ranges, then characters.
  for (const [ranges, m, o] of NAMES) {
    const found = ranges.find((r) => rest.includes(r));
    if (found) {
      rest = rest.replace(found, '');
      many.push(m);
      one.push(o);
    }
  }
  for (let i = 0; i < rest.length; i++) {
    let c = rest[i]!;
    if (c === '\\') c = rest[++i] ?? '';
    else if (rest[i + 1] === '-' && i + 2 < rest.length) return undefined; // another range: not read
    if (!c) return undefined;
    many.push(literal(c));
    one.push(literal(c));
  }
  return { many: list(many, 'and'), one: list(one, 'or') };
}

function atoms(pattern: string): Atom[] | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return undefined;
  const p = pattern.slice(1, -1);
  const out: Atom[] = [];
  for (let i = 0; i < p.length; ) {
    let words: { many: string; one: string } | undefined;
    let key: string;
    if (p[i] === '[') {
      const end = p.indexOf(']', i + 1);
      if (end < 0) return undefined;
      key = p.slice(i + 1, end);
      words = classWords(key);
      i = end + 1;
    } else if (p[i] === '\\' && i + 1 < p.length) {
      const c = p[i + 1]!;
      words = c === 'd' ? { many: 'digits', one: 'a digit' } : /[.\-/{}()[\]*+?^$|\\ ]/.test(c) ? { many: literal(c), one: literal(c) } : undefined;
      key = c === 'd' ? '0-9' : `\\${c}`;
      i += 2;
    } else if (/[A-Za-z0-9_ :-]/.test(p[i]!)) {
      words = { many: literal(p[i]!), one: literal(p[i]!) };
      key = p[i]!;
      i++;
    } else return undefined; // a group, an alternation, a lookaround, `.`
    if (!words) return undefined;
    let [min, max] = [1, 1];
    const q = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})/.exec(p.slice(i));
    if (q) {
      if (q[1]) [min, max] = q[1] === '*' ? [0, Infinity] : q[1] === '+' ? [1, Infinity] : [0, 1];
      else [min, max] = [Number(q[2]), q[3] ? (q[4] ? Number(q[4]) : Infinity) : Number(q[2])];
      i += q[0].length;
    }
    out.push({ ...words, key, min, max });
  }
  return out;
}

function howMany(a: Atom): string {
  if (a.min === 1 && a.max === 1) return a.one;
  if (a.min === 0 && a.max === 1) return `optionally ${a.one}`;
  if (a.max === Infinity) return a.min === 0 ? `any number of ${a.many}` : a.min === 1 ? `one or more ${a.many}` : `at least ${a.min} ${a.many}`;
  return a.min === a.max ? `${a.min} ${a.many}` : `${a.min} to ${a.max} ${a.many}`;
}

/** The rule of `pattern` as a clause ("it is lower-case letters, ..."), or undefined when it is not one of the simple shapes. */
export function patternWords(pattern: string): string | undefined {
  const as = atoms(pattern);
  if (!as?.length) return undefined;
  const [first, second] = as;
  // `[a-z][a-z0-9-]*`: "lower-case letters, digits and `-`, starting with a lower-case letter".
  if (as.length === 2 && first!.min === 1 && first!.max === 1 && second!.max === Infinity) {
    return first!.key === second!.key ? `it holds only ${second!.many}` : `it is ${second!.many}, starting with ${first!.one}`;
  }
  // `[A-Za-z0-9._/-]+`: "only letters, digits, ...".
  if (as.length === 1 && first!.max === Infinity) return `it holds only ${first!.many}${first!.min === 0 ? ' (or nothing)' : ''}`;
  return `it is ${as.map(howMany).join(', then ')}`;
}
