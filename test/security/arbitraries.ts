// Strings a hostile or careless pull request could put in the YAML.
import fc from 'fast-check';

/** Characters that break naive quoting in Python, YAML, handlebars, shells and paths. */
export const NASTY = [
  '"', "'", '\\', '\n', '\r', '\t', '\0', '\x0b', '\x0c', '\x1b', '\x7f', '\x85', '\xa0',
  '{', '}', '{{', '}}', '"""', "'''", '#', ':', ' ', '/', '..', '.', '-', '_', '$', '`', '%',
  '\u2028', '\u2029', '\u202e', '\ufeff', '\ud800', '\udfff', '\u{1F600}', 'é', 'ı',
];

/** One UTF-16 code unit, surrogates included: half of a pair is a legal JS string. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const nastyUnit = fc.oneof(fc.constantFrom(...NASTY), codeUnit, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

/** Random strings, mostly of `valid` characters or of the `shape` a field expects (plain, or
 *  with one nasty character slipped in), so both the accept and the reject path run. */
export function hostileString(opts: { valid?: string; shape?: RegExp; maxLength?: number } = {}) {
  const valid = [...(opts.valid ?? 'abcz019-._')];
  const unit = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...valid) }, { weight: 4, arbitrary: nastyUnit });
  const shaped = opts.shape ? fc.stringMatching(opts.shape) : fc.string({ unit: fc.constantFrom(...valid), maxLength: 12 });
  const spliced = fc.tuple(shaped, fc.nat(), nastyUnit).map(([s, at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1)));
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit, maxLength: opts.maxLength ?? 24 }) },
    { weight: 3, arbitrary: shaped },
    { weight: 3, arbitrary: spliced },
    { weight: 1, arbitrary: fc.constantFrom(...PAYLOADS) },
  );
}

/** Values that would, pasted into master.cfg (or a template), import the module `pwnmod`
 *  or create the file `pwned` when the master loads the config: harmless if they ever work. */
export const PAYLOADS = [
  `"+__import__("pwnmod")+"`,
  `'+__import__("pwnmod")+'`,
  `"""+__import__("pwnmod")+"""`,
  `\\"+__import__("pwnmod")+\\"`,
  `\\`,
  `x\n__import__("pwnmod")\n#`,
  `x\r__import__("pwnmod")#`,
  `x"\n__import__("pwnmod")\n"`,
  `");open("pwned","w");("`,
  `"];open("pwned","w");x=["`,
  `"}]\nopen("pwned","w")\n#`,
  `{{py workers}}{{> settings}}{{{x}}}"+__import__("pwnmod")+"`,
  `{__import__("pwnmod")}`,
  `\\N{QUOTATION MARK}+__import__("pwnmod")+\\N{QUOTATION MARK}`,
  `\u2028"+__import__("pwnmod")+"\u2029`,
  `\u202e"+__import__("pwnmod")+"\u202d`,
  `#"+__import__("pwnmod")+"`,
  `\x00"+__import__("pwnmod")+"`,
];
