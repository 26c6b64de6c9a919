// The build's second, smaller validator: it only says whether a file is valid. Most runs are
// on valid files, and loading ajv's full validators (700 KB of code and an 840 KB code cache,
// most of it the error objects `allErrors` builds) cost more than validating. So
// scripts/precompile.mjs also compiles the same schemas without annotations, stopping at the
// first error and with every error object one shared constant; schema-check.ts asks it first
// and loads the full validators only for a file it rejects. A schema's verdict does not
// depend on annotations, on `allErrors` or on what an error object holds: ajv counts errors,
// it does not read them. test/validate/verdict.test.ts holds the two to the same verdicts.

/** Keywords that describe a schema and never change a verdict (ajv has no `useDefaults` here). */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);
/** Keywords whose value is one schema, a list of schemas, or a map of names to schemas. */
const ONE = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems']);
const LIST = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const MAP = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/** `schema` without its annotations, at any depth. Only schema positions are walked, so a
 *  property named `description` or a `const` value holding one is kept. */
export function withoutAnnotations(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (ANNOTATIONS.has(k)) continue;
    if (ONE.has(k)) out[k] = withoutAnnotations(v);
    else if (LIST.has(k) && Array.isArray(v)) out[k] = v.map(withoutAnnotations);
    else if (MAP.has(k) && v !== null && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, withoutAnnotations(s)]));
    else out[k] = v;
  }
  return out;
}

/** The name of the one error object: no identifier ajv generates starts with `__`. */
export const SHARED_ERROR = '__bmgError';

/** ajv standalone code with each error object literal (`{instancePath...}`) replaced by one
 *  frozen constant. The literals hold strings, numbers, names, calls and nested objects;
 *  they are skipped by matching brackets outside double-quoted strings (ajv writes strings
 *  as JSON, and the only regular expressions in them, `/~/g` and `/\//g`, hold neither). */
export function sharedErrors(code: string): string {
  const start = /\{instancePath[,:}]/g;
  let out = '';
  let from = 0;
  for (let m = start.exec(code); m; m = start.exec(code)) {
    out += code.slice(from, m.index);
    let i = m.index + 1;
    for (let depth = 1; depth > 0; i++) {
      const c = code[i];
      if (c === undefined) throw new Error(`sharedErrors: unclosed error object at ${m.index}`);
      if (c === '"') {
        for (i++; code[i] !== '"'; i++) {
          if (i >= code.length) throw new Error(`sharedErrors: unclosed string at ${m.index}`);
          if (code[i] === '\\') i++;
        }
      } else if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') depth--;
    }
    out += SHARED_ERROR;
    from = start.lastIndex = i;
  }
  out += code.slice(from);
  // After the "use strict" directive, which only counts as the first statement.
  const strict = out.startsWith('"use strict";') ? '"use strict";' : '';
  return `${strict}const ${SHARED_ERROR} = Object.freeze({ keyword: "invalid" });${out.slice(strict.length)}`;
}
