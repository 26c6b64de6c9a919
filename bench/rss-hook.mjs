// Peak RSS of a node process where /usr/bin/time is missing: `node --import bench/rss-hook.mjs ...`
// writes peak RSS (KiB) and user and system CPU seconds to $RSS_FILE at exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const r = process.resourceUsage();
  // the format of `/usr/bin/time -f '%M %U %S'`: KiB, CPU seconds
  if (process.env.RSS_FILE) writeFileSync(process.env.RSS_FILE, `${r.maxRSS} ${r.userCPUTime / 1e6} ${r.systemCPUTime / 1e6}\n`);
});
