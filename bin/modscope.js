#!/usr/bin/env node
// The `modscope` command: the bundled CLI built by `npm install` (scripts/build-cli.mjs).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
