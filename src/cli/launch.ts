#!/usr/bin/env node
// The built command line's entry: scripts/bundle.mjs writes it as dist/cli/main.js (the bin) and
// main.cjs (the same as CommonJS, which Node starts sooner), beside
// the rest of the CLI bundled as one CommonJS file (cli.cjs) with V8's code cache of it.
// A cold run of a fleet of CPython's size spends a good part of its time compiling our code
// and yaml's; the cache, made by the build on both fleets under the flags a run of that size
// uses, spares most of it (docs/performance.md). Order matters: check-gate answers a
// remembered `check` and chooses V8's compilers before anything else is compiled.
import './check-gate.js';
import { fileURLToPath } from 'node:url';
import { loadCached } from '../validate/cached-script.js';

/** The bundle beside this file; it runs the CLI when it sees itself started as an entry. */
const CLI_BUNDLE = fileURLToPath(new URL('./cli.cjs', import.meta.url));

loadCached(CLI_BUNDLE);
