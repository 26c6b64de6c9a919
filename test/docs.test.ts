// Every link between the README and docs/ resolves: the file exists, and a `#fragment`
// names one of its headings (GitHub's slugs). Links to the web are not followed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
export const slug = (heading: string) =>
  heading.trim().toLowerCase().replace(/[`*_]/g, '').replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');

const anchors = (file: string) =>
  new Set([...readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));

/** [text](target) links outside code, with their line. */
function links(page: string): { target: string; line: number }[] {
  const text = readFileSync(join(ROOT, page), 'utf8').replace(/^```[\s\S]*?^```/gm, (m) => m.replace(/[^\n]/g, ' '));
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({ target: m[1]!, line: text.slice(0, m.index).split('\n').length }));
}

describe('documentation links', () => {
  it('slugs headings as GitHub does', () => {
    expect(slug('Settings (on the master, never in the repository)')).toBe('settings-on-the-master-never-in-the-repository');
    expect(slug('`check` remembers a pass')).toBe('check-remembers-a-pass');
  });

  it.each(pages)('%s: every relative link resolves', (page) => {
    const broken: string[] = [];
    for (const { target, line } of links(page)) {
      if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
      const [path, fragment] = target.split('#') as [string, string | undefined];
      const file = path ? join(ROOT, dirname(page), path) : join(ROOT, page);
      if (!existsSync(file)) broken.push(`${page}:${line}: ${target}: no file ${relative(ROOT, file)}`);
      else if (fragment && file.endsWith('.md') && !anchors(file).has(fragment)) broken.push(`${page}:${line}: ${target}: no heading #${fragment}`);
    }
    expect(broken).toEqual([]);
  });

  it('the README is a front door (at most 150 lines) that links every page of docs/', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
    const linked = new Set(links('README.md').map((l) => l.target.split('#')[0]));
    const unlinked = pages.filter((p) => p !== 'README.md' && !linked.has(p));
    expect(unlinked).toEqual([]);
  });
});
