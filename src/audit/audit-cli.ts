import type { Db, DatabaseHandle } from '../db/engine.js';
import { verifyAuditChain } from './audit-log.js';

export const AUDIT_USAGE = 'Usage: clinicflow audit verify';

export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/** Checks the chain and says so; the exit code is 0 when it holds, 1 when it is broken. */
export async function runAuditVerify(db: Db, out: CliOutput = console): Promise<number> {
  const verdict = await verifyAuditChain(db);
  if (verdict.ok) {
    out.log(`Audit chain intact: ${verdict.count} entries`);
    if (verdict.count > 0) out.log(`Last entry ${verdict.lastId}, hash ${verdict.lastHash} (keep it elsewhere to detect a rewrite later)`);
    return 0;
  }
  out.error(`Audit chain BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}`);
  out.error(`${verdict.count} entries before it verified.`);
  return 1;
}

/** `clinicflow audit <subcommand>`; `open` opens the migrated database, as `migrate` does. */
export async function runAuditCommand(args: string[], open: () => Promise<DatabaseHandle>, out: CliOutput = console): Promise<number> {
  if (args[0] !== 'verify' || args.length > 1) {
    out.error(AUDIT_USAGE);
    return 2;
  }
  const handle = await open();
  try {
    return await runAuditVerify(handle.db, out);
  } finally {
    await handle.close();
  }
}
