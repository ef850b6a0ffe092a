#!/usr/bin/env node
// The `ostraka` command. The TypeScript sources are compiled to dist/ by `npm ci` (the root
// `prepare` script runs `tsc -b`), so this shim only loads the compiled entry point.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
