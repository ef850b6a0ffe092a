// Preloaded with `node --import` into every trustee tool process the tests start: every way
// Node.js offers to reach the network is replaced by a function that records the attempt in the
// file named by OSTRAKA_NETWORK_LOG and throws. The tests assert that the file stays empty.
// (Worker threads do not run --import preloads; the strace check in harness.ts covers them.)
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const log = process.env.OSTRAKA_NETWORK_LOG;

function guard(name) {
  return function blocked() {
    const line = `${name} ${JSON.stringify([...arguments].map((a) => (typeof a === 'function' ? 'fn' : String(a))).slice(0, 3))}\n`;
    if (log) appendFileSync(log, line);
    throw new Error(`network access blocked in the air-gap test: ${name}`);
  };
}

function replace(moduleName, names) {
  const mod = require(moduleName);
  for (const name of names) if (typeof mod[name] === 'function') mod[name] = guard(`${moduleName}.${name}`);
}

replace('node:net', ['connect', 'createConnection', 'createServer']);
require('node:net').Socket.prototype.connect = guard('net.Socket.connect');
replace('node:tls', ['connect', 'createServer']);
replace('node:dns', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']);
replace('node:dns/promises', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']);
replace('node:http', ['request', 'get', 'createServer']);
replace('node:https', ['request', 'get', 'createServer']);
replace('node:http2', ['connect', 'createServer', 'createSecureServer']);
replace('node:dgram', ['createSocket']);
globalThis.fetch = guard('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = guard('WebSocket');
// Named ESM imports of built-in modules (`import { connect } from 'node:net'`) see the
// replacements only after this.
syncBuiltinESMExports();
