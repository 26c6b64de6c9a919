// The reader of YAML slips (src/load/syntax-slips.ts) runs only when the parser failed, but
// a slip it imagines in a valid part of a file would send the user to the wrong line. So:
// on every valid YAML file of the repository, and on thousands of documents `yaml` writes
// in every style, it finds nothing. (The slips themselves are cases of the lint corpus:
// cases/yaml-slip-*.yaml.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Document, isCollection, parseDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findSlip } from '../../src/load/syntax-slips.js';
import { loadCases, ROOT } from './corpus.js';

const lines = (text: string) => text.split(/\r\n|\r|\n/);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.git') && e.name !== '.github') return [];
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

describe('no slip in valid YAML', () => {
  const files = yamlFiles(ROOT).filter((f) => parseDocument(readFileSync(f, 'utf8'), { version: '1.2' }).errors.length === 0);

  it('covers the repository\'s YAML (declarations, corpus, workflow, fixtures)', () => {
    expect(files.length).toBeGreaterThan(80);
  });

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('%s', (_, f) => {
    expect(findSlip(lines(readFileSync(f, 'utf8')))).toBeUndefined();
  });

  it('every fleet the corpus builds that parses', async () => {
    const { materialize } = await import('./corpus.js');
    const { rmSync } = await import('node:fs');
    for (const c of loadCases()) {
      const dir = materialize(c);
      try {
        for (const f of ['workers.yaml', 'builders.yaml']) {
          let text: string;
          try {
            text = readFileSync(join(dir, f), 'utf8');
          } catch {
            continue;
          }
          if (parseDocument(text, { version: '1.2', uniqueKeys: false }).errors.length) continue;
          expect(findSlip(lines(text)), `${c.name} ${f}`).toBeUndefined();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  // Keys and text that stress the reader: colons, quotes, hashes, dashes, brackets.
  const word = fc.oneof(
    fc.constantFrom('name', 'a b', 'x: y', 'k:v', '- item', '#x', 'a #b', "it's", 'say "hi"', '[1]', '{a}', '3.10', 'true', '~', '', ' lead', 'trail ', 'multi\nline', 'tab\there', '@at', '`tick`', '|', '>', '&a', '*b', '!t', '%p', '?q'),
    fc.string({ maxLength: 12 }),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, word, fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(word, tie('node'), { maxKeys: 4 }),
  })).map;

  it('documents `yaml` writes, in every style', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(2, 4), fc.boolean(), fc.constantFrom(0, 1, 2, 9), fc.constantFrom(0, 20, 80), (data, indent, indentSeq, flowFrom, lineWidth) => {
        const doc = new Document(data);
        // Collections from depth `flowFrom` on are written `{ }`/`[ ]` (9: none).
        visit(doc, {
          Collection(_, node, path) {
            if (path.filter((p) => isCollection(p)).length >= flowFrom) (node as { flow?: boolean }).flow = true;
          },
        });
        const text = doc.toString({ indent, indentSeq, lineWidth, minContentWidth: 0 });
        // (`yaml` itself sometimes folds a flow key over two lines, which it cannot read back.)
        fc.pre(parseDocument(text, { version: '1.2', uniqueKeys: false }).errors.length === 0);
        expect(findSlip(lines(text)), text).toBeUndefined();
      }),
      { numRuns: 5000, seed: 12 },
    );
  });
});
