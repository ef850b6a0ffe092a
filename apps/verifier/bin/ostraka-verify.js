#!/usr/bin/env node
// The `ostraka-verify` command: loads the compiled verifier (built by `npm ci` / `npm run build`).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
