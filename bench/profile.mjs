// Summarise a V8 .cpuprofile (from `node --cpu-prof`): self and total time per function.
// Usage: node bench/profile.mjs FILE.cpuprofile [N]
import { readFileSync } from 'node:fs';

const [file, n = '25'] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((x) => [x.id, x]));
const dt = new Map();
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
const parent = new Map();
for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const key = (x) => `${x.callFrame.functionName || '(anonymous)'} ${x.callFrame.url.replace(/^.*\/(node_modules|dist|src)\//, '$1/')}:${x.callFrame.lineNumber + 1}`;
const self = new Map();
const total = new Map();
for (const [id, us] of dt) {
  const node = byId.get(id);
  self.set(key(node), (self.get(key(node)) ?? 0) + us);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + us);
  }
}
const all = [...dt.values()].reduce((a, b) => a + b, 0);
const show = (m, title) => {
  console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${(us / 1000).toFixed(1).padStart(9)} ms  ${k}`);
};
show(self, 'self time');
show(total, 'total time');
