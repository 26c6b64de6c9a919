// The names of what `generate` writes in out/: master.cfg (the fleet as data) and the
// package of fixed Python beside it. Only constants, so that the check memo, which runs
// before the rest of the CLI is loaded, can name them too.

export const OUTPUT_FILE = 'master.cfg';
/** The package master.cfg imports (templates/python/, emitted by src/render/module.ts). */
export const PACKAGE = 'buildmaster_gen';
