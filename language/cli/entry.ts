/**
 * The `aco` process: polyfills first, then the program; the exit status is main()'s.
 */
import '../polyfills.js';
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
