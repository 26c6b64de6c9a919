// Preload (`node --import`): any clock read or network module makes the process fail.
// Used to show that generating master.cfg depends on nothing but its input files.
import Module, { register } from 'node:module';

const deny = (what) => () => {
  throw new Error(`denied: ${what} (buildmaster-gen must not read the clock or use the network)`);
};

const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) deny('new Date()')();
    super(...args);
  }
  static now = deny('Date.now()');
};
performance.now = deny('performance.now()');
process.hrtime = Object.assign(deny('process.hrtime()'), { bigint: deny('process.hrtime.bigint()') });

export const NETWORK = ['net', 'dns', 'dns/promises', 'http', 'https', 'http2', 'tls', 'dgram', 'undici'];
const blocked = (specifier) => NETWORK.includes(specifier.replace(/^node:/, ''));

// CommonJS (ajv, handlebars, yaml's CJS build) loads through Module._load.
const load = Module._load;
Module._load = function (request, ...rest) {
  if (blocked(request)) deny(`require("${request}")`)();
  return load.call(this, request, ...rest);
};
// ES modules resolve through the hooks in a loader thread.
register(`data:text/javascript,${encodeURIComponent(`
  const NETWORK = ${JSON.stringify(NETWORK)};
  export async function resolve(specifier, context, next) {
    if (NETWORK.includes(specifier.replace(/^node:/, ''))) throw new Error('denied: import "' + specifier + '" (buildmaster-gen must not use the network)');
    return next(specifier, context);
  }
`)}`);
globalThis.fetch = deny('fetch()');
