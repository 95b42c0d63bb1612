#!/usr/bin/env node
// The published entry: the CLI itself is built to dist/cli.js.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
