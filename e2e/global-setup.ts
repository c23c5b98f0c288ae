import { execFileSync } from 'node:child_process';

// The browser stories run against the built web app, as a clinic runs it.
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
