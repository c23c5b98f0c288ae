// `npm run bench`: every bench/*.bench.ts in turn, each in a child process of its own (a fresh
// heap and JIT, so one benchmark's garbage does not land in the next one's figures), with this
// process's environment passed through. `npm run bench -- free-slots` runs those whose name matches.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

function runOne(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', env: process.env });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = fs
    .readdirSync(BENCH_DIR)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark in ${BENCH_DIR} matches ${filters.join(', ')}`);
    return 2;
  }
  const failed: string[] = [];
  for (const name of files) {
    console.log(`\n=== ${name}`);
    const started = Date.now();
    const code = await runOne(path.join(BENCH_DIR, name));
    console.log(`=== ${name}: ${code === 0 ? 'done' : `exit code ${code}`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (code !== 0) failed.push(name);
  }
  if (failed.length > 0) console.error(`\nFailed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
