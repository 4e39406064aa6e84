#!/usr/bin/env node
// The `aco` command. Loads the Node 20 polyfill before anything that builds a parser.
import '../out/language/polyfills.js';
import { main } from '../out/language/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
