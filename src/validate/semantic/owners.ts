// Owners (workers.yaml `owners:`), the public half of the worker request form, and what a
// worker's downtime needs to be read right. The private half (e-mail, passwords) is in the
// settings file: src/validate/settings-check.ts checks it when given one.
import type { Owner, WorkerAddress } from '../../model/types.js';
import { type Checker, entries, hasOwn, isObj, items, str } from './context.js';

export interface CheckedOwners {
  owners: Record<string, Owner>;
  worker_address?: WorkerAddress;
}

export function checkOwners(c: Checker): CheckedOwners {
  const { w, wd } = c;
  const owners: Record<string, Owner> = Object.create(null);
  for (const [user, raw] of entries(wd.owners)) {
    owners[user] = { user, github: str(raw.github) ?? null, name: str(raw.name) ?? null };
  }
  const workers = items(wd.workers);
  // Without a table (an older fleet) there is nothing to hold the owners to.
  if (wd.owners !== undefined) {
    const used = new Set<string>();
    for (const [i, raw] of workers) {
      const owner = str(raw.owner);
      if (owner === undefined) continue;
      used.add(owner);
      if (!hasOwn(owners, owner)) {
        c.report(w, ['workers', i, 'owner'], `owner \`${owner}\` is not in \`owners\`: add \`${owner}: { github: <GitHub user name>, name: <their name> }\` there (e-mail and passwords go in the settings file, not here)`, 'unknown-owner');
      }
    }
    for (const user of Object.keys(owners)) {
      if (!used.has(user)) c.report(w, ['owners', user], `owner \`${user}\` has no worker: remove it, or add their worker under \`workers\``, 'unused-owner', { key: true });
    }
  }
  for (const [i, raw] of workers) {
    if (isObj(raw.downtime) && raw.downtime.timezone === undefined) {
      c.report(
        w,
        ['workers', i, 'downtime'],
        `the downtime of \`${str(raw.name) ?? `workers[${i}]`}\` has no \`timezone\`: it follows the master's clock, whose zone the owner cannot see; add an IANA name (\`timezone: Europe/Paris\`), or \`timezone: local\` to keep the master's clock on purpose`,
        'downtime-timezone',
        { key: true },
      );
    }
  }
  const master = isObj(c.bd.master) ? c.bd.master : {};
  const addr = isObj(master.worker_address) ? master.worker_address : undefined;
  const host = str(addr?.host);
  const port = typeof addr?.port === 'number' ? addr.port : undefined;
  return { owners, ...(host !== undefined && port !== undefined ? { worker_address: { host, port } } : {}) };
}
