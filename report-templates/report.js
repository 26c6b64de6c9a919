// The report's page: builds the matrix, the counts, the filters and the details from the
// JSON above. Every string from the declarations goes through textContent (never
// innerHTML), and the filter lives in the URL fragment so a link restores it.
(() => {
  'use strict';
  const started = performance.now();
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const $ = (id) => document.getElementById(id);

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'class') e.className = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  const MARK = { stable: '●', unstable: '○' };
  const CHANGE = { added: '+', removed: '−', renamed: '→', changed: '~' };
  const CHANGE_WORD = { added: 'added', removed: 'removed', renamed: 'renamed', changed: 'changed' };
  const tierShort = (t) => (/^tier-(\d+)$/.exec(t) ? `T${/^tier-(\d+)$/.exec(t)[1]}` : t === 'no tier' ? '' : t);
  const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;
  const uniq = (xs) => [...new Set(xs)].sort(natural);

  const workers = new Map(data.workers.map((w) => [w.name, w]));
  const all = [...data.builders, ...data.removed];
  const byName = new Map(all.map((b) => [b.name, b]));
  const branches = data.branches.map((b) => b.name);

  // ---- the filters ----
  const FILTERS = [
    ['tier', 'Tier', (b) => b.tier],
    ['stability', 'Stability', (b) => b.stability],
    ['os', 'OS family', (b) => workers.get(b.worker)?.osFamily ?? ''],
    ['arch', 'CPU', (b) => workers.get(b.worker)?.arch ?? ''],
    ['kind', 'Build kind', (b) => b.kind],
    ['owner', 'Owner', (b) => workers.get(b.worker)?.owner ?? ''],
  ];
  const form = $('filters');
  for (const [key, label, get] of FILTERS) {
    const select = el('select', { name: key, id: `f-${key}` }, el('option', { value: '', text: 'all' }), uniq(all.map(get)).map((v) => el('option', { value: v, text: v })));
    $('selects').append(el('label', {}, label, select));
  }

  function readState() {
    const p = new URLSearchParams(location.hash.slice(1));
    const s = { q: p.get('q') || '', group: p.get('group') === 'os' ? 'os' : 'owner', changed: p.get('changed') === '1', open: p.get('open') || '' };
    for (const [key] of FILTERS) s[key] = p.get(key) || '';
    return s;
  }
  function hashOf(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const [key] of FILTERS) if (s[key]) p.set(key, s[key]);
    if (s.group !== 'owner') p.set('group', s.group);
    if (s.changed) p.set('changed', '1');
    if (s.open) p.set('open', s.open);
    const h = p.toString();
    return h ? `#${h}` : '#';
  }
  let state = readState();
  /** Update the fragment; redraw the matrix only when the filter changed (opening details
   *  keeps the matrix, and so the focus, as it is). */
  function setState(patch) {
    const before = hashOf({ ...state, open: '' });
    state = { ...state, ...patch };
    delete state.redraw;
    const h = hashOf(state);
    if (location.hash !== h && !(h === '#' && location.hash === '')) history.replaceState(null, '', h);
    if (hashOf({ ...state, open: '' }) !== before || patch.redraw) render();
    $('share').href = h;
  }
  function formToState() {
    const s = { q: form.q.value.trim(), group: form.group.value === 'os' ? 'os' : 'owner', changed: !!(form.changed && form.changed.checked) };
    for (const [key] of FILTERS) s[key] = form[key].value;
    return s;
  }
  function stateToForm() {
    form.q.value = state.q;
    form.group.value = state.group;
    if (form.changed) form.changed.checked = state.changed;
    for (const [key] of FILTERS) {
      const sel = form[key];
      if (state[key] && ![...sel.options].some((o) => o.value === state[key])) sel.append(el('option', { value: state[key], text: state[key] }));
      sel.value = state[key];
    }
  }
  form.addEventListener('input', () => setState(formToState()));
  form.addEventListener('submit', (e) => e.preventDefault());
  $('clear').addEventListener('click', () => {
    state = { ...readState(), q: '', changed: false, open: '' };
    for (const [key] of FILTERS) state[key] = '';
    stateToForm();
    setState({ redraw: true });
    form.q.focus();
  });
  window.addEventListener('hashchange', () => {
    state = readState();
    stateToForm();
    render();
    syncDialog();
  });

  /** Does a builder pass the filters? A search matches its name, worker, owner, kind, definition or a tag. */
  function shown(b) {
    for (const [key, , get] of FILTERS) if (state[key] && get(b) !== state[key]) return false;
    if (state.changed && !b.change) return false;
    if (!state.q) return true;
    const w = workers.get(b.worker);
    const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    const hay = [b.name, b.worker, b.kind, b.def, b.branch, b.builddir, ...b.tags, w ? w.owner : '', w ? w.os : '', w ? w.arch : ''].join('\n').toLowerCase();
    return words.every((word) => hay.includes(word));
  }

  // ---- the matrix ----
  /** A builder in its cell: its kind, and its definition too when the cell has two of that kind. */
  function chip(b, twins) {
    const label = `${b.name}: ${b.stability}, ${b.tier}, kind ${b.kind}${b.change ? `, ${CHANGE_WORD[b.change]} by this change` : ''}`;
    return el(
      'button',
      { type: 'button', class: `chip ${b.stability}`, 'data-name': b.name, 'data-tier': b.tier, 'data-change': b.change, 'aria-label': label, title: b.name },
      el('span', { class: 'mark', 'aria-hidden': 'true', text: `${MARK[b.stability]}${tierShort(b.tier)}` }),
      el('span', { class: 'kind', text: twins ? `${b.kind}: ${b.def}` : b.kind }),
      b.change ? el('span', { class: 'chg', 'aria-hidden': 'true', text: CHANGE[b.change] }) : null,
    );
  }

  function groupKey(w) {
    return state.group === 'os' ? w.osFamily : w.owner;
  }

  function render() {
    const visible = all.filter(shown);
    const filtering = state.q || state.changed || FILTERS.some(([k]) => state[k]);
    const cells = new Map();
    for (const b of visible) {
      const k = `${b.worker}\u0000${b.branch}`;
      if (!cells.has(k)) cells.set(k, []);
      cells.get(k).push(b);
    }
    for (const list of cells.values()) list.sort((a, b) => natural(a.name, b.name));
    // A worker is shown with its builders shown; one that builds nothing still shows when
    // only worker filters are set and it passes them (`which branches does my worker build?`).
    const workerOnly = !state.tier && !state.stability && !state.kind && !state.changed;
    const workerShown = (w) =>
      workerOnly && (!state.owner || w.owner === state.owner) && (!state.os || w.osFamily === state.os) && (!state.arch || w.arch === state.arch) &&
      state.q.toLowerCase().split(/\s+/).filter(Boolean).every((word) => [w.name, w.owner, w.os, w.arch].join('\n').toLowerCase().includes(word));
    const rows = data.workers.filter((w) => !filtering || branches.some((br) => cells.has(`${w.name}\u0000${br}`)) || workerShown(w));
    const groups = new Map();
    for (const w of rows) {
      const g = groupKey(w);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(w);
    }
    const table = $('matrix');
    const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'worker' }), branches.map((br) => {
      const info = data.branches.find((x) => x.name === br);
      return el('th', { scope: 'col', title: info.gitBranch ? `git branch ${info.gitBranch}, Python ${info.version}` : 'pull requests', text: br });
    })));
    const body = el('tbody');
    for (const g of [...groups.keys()].sort(natural)) {
      body.append(el('tr', { class: 'group' }, el('th', { scope: 'rowgroup', colspan: branches.length + 1, text: `${state.group === 'os' ? 'OS' : 'owner'}: ${g} (${groups.get(g).length} worker${groups.get(g).length === 1 ? '' : 's'})` })));
      for (const w of groups.get(g)) {
        const meta = `${w.os} · ${w.arch}${w.online ? '' : ' · offline'}${w.downtime ? ` · downtime ${w.downtime}` : ''}${w.change ? ` · ${CHANGE_WORD[w.change]}` : ''}`;
        body.append(el('tr', { 'data-worker': w.name },
          el('th', { scope: 'row' }, el('button', { type: 'button', class: 'worker', 'data-worker': w.name, text: w.name }), el('span', { class: 'wmeta', text: meta })),
          branches.map((br) => {
            const list = cells.get(`${w.name}\u0000${br}`) || [];
            return el('td', { 'data-branch': br }, list.map((b) => chip(b, list.filter((x) => x.kind === b.kind).length > 1)));
          })));
      }
    }
    table.replaceChildren(head, body);
    $('empty').hidden = visible.length > 0;
    $('shown').textContent = filtering ? `${visible.length} of ${all.length} builders shown` : `${data.builders.length} builders`;
    renderCounts(visible);
    const h = hashOf(state);
    $('share').href = h;
  }

  function renderCounts(visible) {
    const tiers = uniq(all.map((b) => b.tier)).sort((a, b) => Number(a === 'no tier') - Number(b === 'no tier'));
    const count = (pred) => branches.map((br) => el('td', { text: String(visible.filter((b) => b.branch === br && pred(b)).length) }));
    const rows = [
      ...tiers.map((t) => el('tr', {}, el('th', { scope: 'row', text: t }), count((b) => b.tier === t), el('td', { text: String(visible.filter((b) => b.tier === t).length) }))),
      el('tr', {}, el('th', { scope: 'row', text: 'stable' }), count((b) => b.stability === 'stable'), el('td', { text: String(visible.filter((b) => b.stability === 'stable').length) })),
      el('tr', { class: 'total' }, el('th', { scope: 'row', text: 'all' }), count(() => true), el('td', { text: String(visible.length) })),
    ];
    $('counts').replaceChildren(el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'tier' }), branches.map((br) => el('th', { scope: 'col', text: br })), el('th', { scope: 'col', text: 'total' }))), el('tbody', {}, rows));
  }

  function legend() {
    const sample = (stability, tier, text) => el('span', { class: `chip ${stability}`, 'data-tier': tier, 'aria-hidden': 'true' }, el('span', { class: 'mark', text: `${MARK[stability]}${tierShort(tier)}` }), el('span', { text }));
    const items = [
      sample('stable', 'tier-1', 'stable'), '● stable (solid border),', sample('unstable', 'no tier', 'unstable'), '○ unstable (dashed border);',
      'T1/T2/T3 and the colour: the tier; then the build kind.',
    ];
    if (data.diff) items.push('Changes: + added, ~ changed, → renamed, − removed (struck through).');
    $('legend').replaceChildren(...items.map((x) => (typeof x === 'string' ? el('span', { text: x }) : x)));
  }

  // ---- the change list ----
  function changes() {
    const box = $('change-list');
    if (!box || !data.diff) return;
    const d = data.diff;
    const parts = [el('p', { text: `${d.before} builders before, ${d.after} after. ${d.builders.length ? '' : 'No builder changes.'}` })];
    const section = (title, list, openable) => {
      for (const x of list) {
        parts.push(el('h3', { text: `${title} ${x.verb} (${x.count})` }));
        parts.push(el('ul', {}, x.groups.map((g) => el('li', {},
          el('span', { text: `${CHANGE[x.verb]} ${g.stem}` }),
          openable
            ? g.builders.map((b) => [' ', el('button', { type: 'button', class: 'linkish', 'data-name': b.name, text: b.branch !== undefined && b.name !== g.stem ? b.branch : 'details' })])
            : g.builders.filter((w) => workers.has(w.name)).map((w) => [' ', el('button', { type: 'button', class: 'linkish', 'data-worker': w.name, 'aria-label': `details of worker ${w.name}`, text: 'details' })]),
          g.detail ? el('span', { text: `: ${g.detail}` }) : null))));
      }
    };
    section('Builders', d.builders, true);
    section('Workers', d.workers, false);
    box.replaceChildren(...parts);
  }

  // ---- details ----
  const dialog = $('details');
  let opener = null;
  const facts = (pairs) => el('dl', { class: 'facts' }, pairs.filter((p) => p[1] !== undefined && p[1] !== '').map(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)]));

  function steps(b) {
    const old = new Map((b.before || []).map((s) => [s.name, s]));
    const names = new Set(b.steps.map((s) => s.name));
    const items = b.steps.map((s) => {
      const was = old.get(s.name);
      const notes = s.notes.length ? el('div', { class: 'stepnotes', text: s.notes.join('; ') }) : null;
      if (b.before && !was) return el('li', {}, el('strong', { text: `${s.name} (new step)` }), el('pre', { class: 'new', text: s.command }), notes);
      if (was && (was.command !== s.command || was.notes.join() !== s.notes.join())) {
        return el('li', {}, el('strong', { text: `${s.name} (changed)` }), el('pre', { class: 'old', text: was.command }), el('pre', { class: 'new', text: s.command }),
          was.notes.join() !== s.notes.join() ? el('div', { class: 'stepnotes', text: `notes: ${was.notes.join('; ') || 'none'} → ${s.notes.join('; ') || 'none'}` }) : notes);
      }
      return el('li', {}, el('strong', { text: s.name }), el('pre', { text: s.command }), notes);
    });
    for (const s of b.before || []) if (!names.has(s.name)) items.push(el('li', {}, el('strong', { text: `${s.name} (step removed)` }), el('pre', { class: 'old', text: s.command })));
    return el('ol', { class: 'steps' }, items);
  }

  function showBuilder(b) {
    const w = workers.get(b.worker);
    const info = data.branches.find((x) => x.name === b.branch);
    $('details-title').textContent = b.name;
    const change = b.change === 'renamed' ? `renamed from ${b.from}${b.fields && b.fields.length ? `; also changed: ${b.fields.join(', ')}` : ''}`
      : b.change === 'changed' ? `changed: ${b.fields.join(', ')}` : b.change ? `${CHANGE_WORD[b.change]} by this change` : undefined;
    $('details-body').replaceChildren(
      facts([
        ['change', change],
        ['worker', el('button', { type: 'button', class: 'linkish', 'data-worker': b.worker, text: b.worker }), ],
        ['OS, CPU', w ? `${w.os}, ${w.arch}` : undefined],
        ['branch', info && info.gitBranch ? `${b.branch} (git branch ${info.gitBranch}, Python ${info.version})` : `${b.branch} (pull requests)`],
        ['definition', b.def],
        ['build kind', `${b.kind} (recipe ${b.recipe})${b.about ? `: ${b.about}` : ''}`],
        ['stability', b.stability],
        ['tier', b.tier],
        ['directory', el('code', { text: b.builddir })],
        ['tags', b.tags.join(', ')],
        ['schedulers', el('ul', {}, b.schedule.map((s) => el('li', { text: s })))],
        ['downtime', b.downtime ? `${b.downtime}: no build starts then` : undefined],
      ]),
      el('h3', { text: b.before ? 'Steps (old → new where they differ)' : 'Steps: the exact commands' }),
      steps(b),
    );
  }

  function showWorker(w) {
    $('details-title').textContent = `Worker ${w.name}`;
    const mine = all.filter((b) => b.worker === w.name).sort((a, b) => natural(a.name, b.name));
    $('details-body').replaceChildren(
      facts([
        ['change', w.change ? `${CHANGE_WORD[w.change]} by this change` : undefined],
        ['OS', w.os],
        ['CPU', w.arch],
        ['owner', w.owner],
        ['builds at once', String(w.maxBuilds)],
        ['status', w.online ? 'online' : 'offline: it keeps its builders, but nothing runs until it is back'],
        ['downtime', w.downtime ? `${w.downtime}: no build starts in it, builds wait until it ends` : undefined],
        ['notes', w.notes],
      ]),
      el('h3', { text: `Its ${mine.length} builder${mine.length === 1 ? '' : 's'}` }),
      el('ul', {}, mine.map((b) => el('li', {}, el('button', { type: 'button', class: 'linkish', 'data-name': b.name, text: b.name }), b.change ? ` (${CHANGE_WORD[b.change]})` : ''))),
    );
  }

  /** Open what the fragment names (`open=NAME` or `open=worker:NAME`), or close. */
  function syncDialog() {
    const o = state.open;
    const b = o.startsWith('worker:') ? undefined : byName.get(o);
    const w = o.startsWith('worker:') ? workers.get(o.slice(7)) : undefined;
    if (b) showBuilder(b);
    else if (w) showWorker(w);
    if ((b || w) && !dialog.open) dialog.showModal();
    if (!b && !w && dialog.open) dialog.close();
    if (b || w) $('details-title').focus();
  }
  $('details-title').setAttribute('tabindex', '-1');
  function open(value, from) {
    if (!dialog.open) opener = from;
    setState({ open: value });
    syncDialog();
  }
  dialog.addEventListener('close', () => {
    // `close` is dispatched as a task of its own: the dialog may already show something else.
    if (dialog.open) return;
    if (state.open) setState({ open: '' });
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });
  $('close').addEventListener('click', () => dialog.close());
  document.addEventListener('click', (e) => {
    const t = e.target.closest('button[data-name], button[data-worker]');
    if (!t || t.closest('.legend')) return;
    if (t.dataset.name !== undefined) open(t.dataset.name, t);
    else open(`worker:${t.dataset.worker}`, t);
  });

  // ---- keyboard: `/` to search, arrows between the builders of the matrix ----
  document.addEventListener('keydown', (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (e.key === '/' && !typing && !dialog.open) {
      e.preventDefault();
      form.q.focus();
      return;
    }
    const here = e.target.closest && e.target.closest('#matrix .chip, #matrix .worker');
    if (!here || !['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
    const row = here.closest('tr');
    const rows = [...$('matrix').querySelectorAll('tbody tr[data-worker]')];
    const cellIndex = here.closest('td, th').cellIndex;
    let target = null;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const items = [...row.querySelectorAll('.chip, .worker')];
      target = items[items.indexOf(here) + (e.key === 'ArrowRight' ? 1 : -1)];
    } else {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      for (let i = rows.indexOf(row) + step; i >= 0 && i < rows.length && !target; i += step) target = rows[i].cells[cellIndex].querySelector('.chip, .worker');
    }
    if (target) {
      e.preventDefault();
      target.focus();
    }
  });

  legend();
  changes();
  stateToForm();
  render();
  syncDialog();
  document.documentElement.dataset.renderMs = (performance.now() - started).toFixed(1);
  document.documentElement.dataset.ready = 'true';
})();
