#!/usr/bin/env node
// The `clinicflow` command. The sources are TypeScript, run through tsx's loader, so a
// checkout works without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
