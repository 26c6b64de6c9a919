// Preload (`node --import`): on exit, writes the process's own CPU time (user + system,
// in seconds) to the file named by BMG_CPU_TIME_FILE. CPU time, unlike wall time, does
// not grow when other tests load the machine, so a bound on it stays meaningful in CI.
import { writeFileSync } from 'node:fs';

const file = process.env.BMG_CPU_TIME_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, String((user + system) / 1e6));
  });
}
