// Characters a reader cannot see, or that change what they see: control characters (an
// escape sequence would drive the terminal), invisible ones (zero-width spaces, joiners,
// a no-break space that looks like a space) and bidirectional controls (which reorder the
// text on screen: "Trojan Source"). Problems show them escaped (`\u200b`), never as is.

export const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]/g;

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const NAMES: Record<string, string> = {
  '\u00a0': 'NO-BREAK SPACE',
  '\u00ad': 'SOFT HYPHEN',
  '\u061c': 'ARABIC LETTER MARK',
  '\u180e': 'MONGOLIAN VOWEL SEPARATOR',
  '\u200b': 'ZERO WIDTH SPACE',
  '\u200c': 'ZERO WIDTH NON-JOINER',
  '\u200d': 'ZERO WIDTH JOINER',
  '\u200e': 'LEFT-TO-RIGHT MARK',
  '\u200f': 'RIGHT-TO-LEFT MARK',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202b': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202c': 'POP DIRECTIONAL FORMATTING',
  '\u202d': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202e': 'RIGHT-TO-LEFT OVERRIDE',
  '\u202f': 'NARROW NO-BREAK SPACE',
  '\u2060': 'WORD JOINER',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\u3000': 'IDEOGRAPHIC SPACE',
  '\ufeff': 'ZERO WIDTH NO-BREAK SPACE',
};

export const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `s` with every hidden character written as `\uXXXX` (tabs and newlines are left to the caller). */
export const escapeHidden = (s: string) => s.replace(HIDDEN, escape);

export interface Hidden {
  /** `U+200B ZERO WIDTH SPACE` */
  label: string;
  /** Reorders text on screen. */
  bidi: boolean;
  /** A control character (those are refused by the schemas wherever a value is printed). */
  control: boolean;
}

/** The distinct hidden characters of `s`, in order of appearance. */
export function hiddenIn(s: string): Hidden[] {
  const seen = new Set<string>();
  const out: Hidden[] = [];
  for (const c of s.match(HIDDEN) ?? []) {
    if (seen.has(c)) continue;
    seen.add(c);
    const control = /[\u0000-\u001f\u007f-\u009f]/.test(c);
    out.push({ label: `${codePoint(c)}${NAMES[c] ? ` ${NAMES[c]}` : ''}`, bidi: BIDI.test(c), control });
  }
  return out;
}
