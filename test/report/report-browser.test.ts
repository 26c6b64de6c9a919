// The report in a real browser: Debian's chromium driven by playwright-core (no browser
// download). The matrix is checked against the expanded matrix from the pipeline; search,
// filters, the URL fragment, details, the keyboard, the diff mode and hostile names are
// used as a reader would. Screenshots go to test-artifacts/report/ (not committed).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFleet } from '../../src/pipeline.js';
import { locateFleets } from '../../src/cli/fleet-paths.js';
import { matrixJson } from '../../src/explain/matrix.js';
import { explain } from '../../src/explain/explain.js';
import { CHANGE, cleanup, FLEET_2026, fleetCopy, HOSTILE, HOSTILE_EDITS, HOSTILE_SCRIPT, ROOT, writeReport } from './fixture.js';

export const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-artifacts', 'report');
const load = (dir: string) => loadFleet(locateFleets({ fleet: [dir] }, dir)[0]!);

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)`);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  cleanup();
});

interface Opened {
  page: Page;
  /** Console errors, page errors, dialogs (alert) and requests that are not the file itself. */
  trouble: string[];
}

async function open(file: string, hash = '', viewport = { width: 1280, height: 800 }, style?: string): Promise<Opened> {
  // Only a test's extra style needs the page's Content-Security-Policy bypassed.
  const page = await browser.newPage({ viewport, bypassCSP: style !== undefined });
  const trouble: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') trouble.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => trouble.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    trouble.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url().split('#')[0] !== `file://${file}`) trouble.push(`request: ${r.url()}`);
  });
  await page.goto(`file://${file}${hash}`);
  await page.waitForSelector('html[data-ready]');
  if (style !== undefined) await page.addStyleTag({ content: style });
  return { page, trouble };
}

/** Waits until the details dialog is closed and its `close` handler (a task of its own) has cleared the fragment. */
const closed = (page: Page) => page.waitForFunction(() => !document.querySelector('#details[open]') && !/open=/.test(location.hash), undefined, { timeout: 5_000 });

/** What the page's matrix shows: worker -> branch -> builder names. */
const shownMatrix = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, Record<string, string[]>> = {};
    for (const tr of document.querySelectorAll<HTMLTableRowElement>('#matrix tbody tr[data-worker]')) {
      const cells: Record<string, string[]> = {};
      for (const td of tr.querySelectorAll<HTMLTableCellElement>('td[data-branch]')) cells[td.dataset.branch!] = [...td.querySelectorAll<HTMLElement>('.chip')].map((c) => c.dataset.name!).sort();
      out[tr.dataset.worker!] = cells;
    }
    return out;
  });
const shownChips = (page: Page) => page.$$eval('#matrix .chip', (cs) => cs.map((c) => (c as HTMLElement).dataset.name!).sort());

describe.each([
  ['default', ROOT],
  ['2026', FLEET_2026],
])('the report of the %s fleet', (label, dir) => {
  const g = load(dir);
  let file: string;
  let view: Opened;
  beforeAll(async () => {
    file = await writeReport(dir);
    view = await open(file);
  });
  afterAll(async () => view?.page.close());

  it('shows exactly the expanded matrix: every worker, every branch in version order, every builder in its cell', async () => {
    const m = matrixJson(g.matrix);
    expect(await view.page.$$eval('#matrix thead th', (ths) => ths.map((t) => t.textContent))).toEqual(['worker', ...m.branches]);
    const expected = Object.fromEntries(m.workers.map((w) => [w.name, Object.fromEntries(m.branches.map((br) => [br, w.builders[br]!.map((b) => b.name).sort()]))]));
    expect(await shownMatrix(view.page)).toEqual(expected);
    await view.page.screenshot({ path: join(SHOTS, `${label}-1280x800.png`) });
    const total = await view.page.$eval('#counts tbody tr:last-child td:last-child', (td) => td.textContent);
    expect(Number(total)).toBe(g.matrix.builders.length);
  });

  it('makes no request and logs no error', () => {
    expect(view.trouble).toEqual([]);
  });

  it('search: a worker name shows that worker and its builders only', async () => {
    const worker = g.matrix.builders[Math.floor(g.matrix.builders.length / 2)]!.worker;
    await view.page.fill('#q', worker);
    expect(await shownChips(view.page)).toEqual(g.matrix.builders.filter((b) => b.worker === worker).map((b) => b.name).sort());
    expect(await view.page.$$eval('#matrix tbody tr[data-worker]', (trs) => trs.map((t) => (t as HTMLElement).dataset.worker))).toEqual([worker]);
    expect(await view.page.evaluate(() => location.hash)).toBe(`#q=${encodeURIComponent(worker).replace(/%20/g, '+')}`);
    await view.page.fill('#q', '');
    expect(await shownChips(view.page)).toHaveLength(g.matrix.builders.length);
    // A worker with no builder is found too (and shows none).
    const idle = g.matrix.workers.find((w) => !g.matrix.builders.some((b) => b.worker === w.name));
    if (idle) {
      await view.page.fill('#q', idle.name);
      expect(await view.page.$$eval('#matrix tbody tr[data-worker]', (trs) => trs.map((t) => (t as HTMLElement).dataset.worker))).toContain(idle.name);
      expect(await shownChips(view.page)).toEqual(g.matrix.builders.filter((b) => b.worker.includes(idle.name)).map((b) => b.name).sort());
      await view.page.fill('#q', '');
    }
  });

  it('filters: the tier-1 builders of one CPU; the link restores the filter', async () => {
    const tier = g.matrix.builders.find((b) => b.tier)?.tier;
    const arch = g.matrix.workers.find((w) => g.matrix.builders.some((b) => b.worker === w.name && b.tier === tier))?.arch;
    const expected = g.matrix.builders.filter((b) => (tier === undefined ? !b.tier : b.tier === tier) && g.matrix.workers.find((w) => w.name === b.worker)!.arch === (arch ?? g.matrix.workers[0]!.arch)).map((b) => b.name).sort();
    await view.page.selectOption('#f-tier', tier ?? 'no tier');
    await view.page.selectOption('#f-arch', arch ?? g.matrix.workers[0]!.arch);
    expect(await shownChips(view.page)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    const hash = await view.page.evaluate(() => location.hash);
    expect(hash).toMatch(/tier=/);
    expect(hash).toMatch(/arch=/);
    const again = await open(file, hash);
    expect(await shownChips(again.page)).toEqual(expected);
    expect(await again.page.inputValue('#f-arch')).toBe(arch ?? g.matrix.workers[0]!.arch);
    await again.page.close();
    await view.page.click('#clear');
    expect(await shownChips(view.page)).toHaveLength(g.matrix.builders.length);
  });

  it('filters by stability, OS family, kind and owner show what they say', async () => {
    const b = g.matrix.builders[0]!;
    const w = g.fleet.workers.find((x) => x.name === b.worker)!;
    for (const [id, value, pick] of [
      ['#f-stability', b.stability === 'stable' ? 'stable' : 'unstable', (x: typeof b) => (x.stability === 'stable' ? 'stable' : 'unstable') === (b.stability === 'stable' ? 'stable' : 'unstable')],
      ['#f-os', w.os.family, (x: typeof b) => g.fleet.workers.find((y) => y.name === x.worker)!.os.family === w.os.family],
      ['#f-kind', b.variant, (x: typeof b) => x.variant === b.variant],
      ['#f-owner', w.owner, (x: typeof b) => g.fleet.workers.find((y) => y.name === x.worker)!.owner === w.owner],
    ] as const) {
      await view.page.selectOption(id, value);
      expect(await shownChips(view.page), id).toEqual(g.matrix.builders.filter(pick).map((x) => x.name).sort());
      await view.page.selectOption(id, '');
    }
  });

  it("details: a builder's directory, tags, schedule and exact commands (explain's), and its worker", async () => {
    const b = g.matrix.builders[g.matrix.builders.length - 1]!;
    await view.page.click(`#matrix .chip[data-name="${b.name}"]`);
    await view.page.waitForSelector('#details[open]');
    expect(await view.page.textContent('#details-title')).toBe(b.name);
    const body = (await view.page.textContent('#details-body'))!;
    expect(body).toContain(b.builddir);
    expect(body).toContain(b.tags.join(', '));
    const text = explain(b.name, g);
    const commands = await view.page.$$eval('#details-body ol.steps pre', (ps) => ps.map((p) => p.textContent!));
    expect(commands).toHaveLength(b.steps.length);
    for (const c of commands) expect(text).toContain(c);
    expect(body).toMatch(/on push to git branch|nightly at|on a pull request/);
    expect(await view.page.evaluate(() => location.hash)).toMatch(/open=/);
    await view.page.click(`#details-body button[data-worker="${b.worker}"]`);
    expect(await view.page.textContent('#details-title')).toBe(`Worker ${b.worker}`);
    const w = g.fleet.workers.find((x) => x.name === b.worker)!;
    const wbody = (await view.page.textContent('#details-body'))!;
    for (const s of [w.owner, w.arch, w.os.family]) expect(wbody).toContain(s);
    await view.page.keyboard.press('Escape');
    // The dialog's `close` event, which clears the fragment, is dispatched as a task of its own.
    await closed(view.page);
    expect(await view.page.$('#details[open]')).toBeNull();
    expect(await view.page.evaluate(() => location.hash)).not.toMatch(/open=/);
  });

  it('keyboard: arrows move between builders, Enter opens one, Escape closes it and focus comes back', async () => {
    const chips = await view.page.$$('#matrix .chip');
    await chips[0]!.focus();
    await view.page.keyboard.press('ArrowRight');
    const second = await view.page.evaluate(() => (document.activeElement as HTMLElement).dataset.name ?? (document.activeElement as HTMLElement).dataset.worker);
    expect(second).toBeTruthy();
    await view.page.keyboard.press('Enter');
    await view.page.waitForSelector('#details[open]');
    await view.page.keyboard.press('Escape');
    await closed(view.page);
    expect(await view.page.evaluate(() => (document.activeElement as HTMLElement).dataset.name ?? (document.activeElement as HTMLElement).dataset.worker)).toBe(second);
    const outline = await view.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await view.page.keyboard.press('/');
    expect(await view.page.evaluate(() => document.activeElement?.id)).toBe('q');
  });

  // Widths depend on the machine's fonts: the second pass stands in for a wider one than this machine's.
  it.each([
    ['this machine\'s fonts', undefined],
    ['much wider text', '* { letter-spacing: .5em !important; font-size: 20px !important; }'],
  ])('is readable 390 px wide with %s: the matrix scrolls inside its box, the page does not', async (what, style) => {
    const narrow = await open(file, '', { width: 390, height: 844 }, style);
    const widths = await narrow.page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: window.innerWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.scroll, #matrix-scroll'))
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).replace(/ /g, '.') : ''}`),
    }));
    expect(widths.page, `wider than the window: ${widths.wide.join(', ')}`).toBeLessThanOrEqual(widths.view);
    if (style === undefined) await narrow.page.screenshot({ path: join(SHOTS, `${label}-390.png`) });
    expect(narrow.trouble, what).toEqual([]);
    await narrow.page.close();
  });
});

describe('the report of a change (--base)', () => {
  const base = load(ROOT);
  const head = load(fleetCopy(ROOT, CHANGE));
  let view: Opened;
  beforeAll(async () => {
    view = await open(await writeReport(fleetCopy(ROOT, CHANGE), ['--base', ROOT]));
  });
  afterAll(async () => view?.page.close());

  it('marks renamed, changed and removed builders in the matrix, and lists them on top', async () => {
    const marked = (change: string) => view.page.$$eval(`#matrix .chip[data-change="${change}"]`, (cs) => cs.map((c) => (c as HTMLElement).dataset.name!).sort());
    expect(await marked('renamed')).toEqual(head.matrix.builders.filter((b) => b.def === 'AMD64 Debian PGO-LTO').map((b) => b.name).sort());
    expect(await marked('removed')).toEqual(base.matrix.builders.filter((b) => b.def === 's390x SLES').map((b) => b.name).sort());
    expect(await marked('changed')).toEqual(head.matrix.builders.filter((b) => b.variant === 'shared').map((b) => b.name).sort());
    expect(await marked('added')).toEqual([]);
    const list = (await view.page.textContent('#change-list'))!;
    expect(list).toContain('was AMD64 Debian PGO');
    expect(list).toMatch(/Builders removed \(\d+\)/);
    expect(await view.page.textContent('h1')).toContain('What the change does');
    await view.page.screenshot({ path: join(SHOTS, 'diff-1280x800.png') });
    expect(view.trouble).toEqual([]);
  });

  it('text has a contrast of at least 4.5:1 against its background (WCAG AA), change marks included', async () => {
    const worst = await view.page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const background = (e: Element | null): number[] => {
        for (; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || c[3]! > 0) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const found: { text: string; ratio: number }[] = [];
      for (const e of document.querySelectorAll('h1, h2, h3, p, th, td, label, legend, .chip span, .wmeta, .linkish, #share, #change-list span')) {
        if (!e.textContent?.trim() || (e as HTMLElement).offsetParent === null) continue;
        const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(background(e))];
        found.push({ text: `${e.tagName}.${(e as HTMLElement).className}: ${e.textContent.trim().slice(0, 30)}`, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) });
      }
      return found.sort((x, y) => x.ratio - y.ratio).slice(0, 3);
    });
    expect(worst.length).toBeGreaterThan(0);
    expect(worst[0]!.ratio, JSON.stringify(worst)).toBeGreaterThanOrEqual(4.5);
  });

  it('"changes only" shows the changed builders; a changed one shows its old and new commands', async () => {
    await view.page.check('#changed-only');
    const changed = await shownChips(view.page);
    expect(changed.length).toBe(await view.page.$$eval('#matrix .chip[data-change]', (cs) => cs.length));
    const name = head.matrix.builders.find((b) => b.variant === 'shared')!.name;
    await view.page.click(`#change-list button[data-name="${name}"]`);
    await view.page.waitForSelector('#details[open]');
    expect(await view.page.textContent('#details-title')).toBe(name);
    expect(await view.page.textContent('#details-body pre.new')).toContain('--with-lto');
    expect(await view.page.textContent('#details-body pre.old')).not.toContain('--with-lto');
    await view.page.screenshot({ path: join(SHOTS, 'diff-details.png') });
    await view.page.keyboard.press('Escape');
  });
});

describe('hostile names', () => {
  it('render as text, and nothing in them runs', async () => {
    const view = await open(await writeReport(fleetCopy(ROOT, HOSTILE_EDITS)));
    const name = `${HOSTILE} 3.x`;
    expect(await view.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await view.page.$$eval('img', (is) => is.length)).toBe(0);
    await view.page.locator('#matrix').getByTitle(name, { exact: true }).click();
    await view.page.waitForSelector('#details[open]');
    expect(await view.page.textContent('#details-title')).toBe(name);
    expect(await view.page.textContent('#details-body')).toContain(`Debug build ${HOSTILE_SCRIPT}`);
    await view.page.keyboard.press('Escape');
    await closed(view.page);
    await view.page.click('#matrix button.worker[data-worker="koobs-freebsd10"]');
    expect(await view.page.textContent('#details-body')).toContain(`${HOSTILE} ${HOSTILE_SCRIPT}`);
    await view.page.keyboard.press('Escape');
    await closed(view.page);
    await view.page.fill('#q', '<img');
    expect(await shownChips(view.page)).toContain(name);
    // The fragment carries the hostile name too: reopening the link must not run it either.
    const hash = await view.page.evaluate(() => location.hash);
    const again = await open(view.page.url().split('#')[0]!.replace('file://', ''), `${hash}&open=${encodeURIComponent(name)}`);
    expect(await again.page.textContent('#details-title')).toBe(name);
    for (const v of [view, again]) {
      expect(await v.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(v.trouble).toEqual([]);
    }
    await again.page.close();
    await view.page.close();
  });
});
