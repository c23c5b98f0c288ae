import type { Db } from '../db/engine.js';
import { conflict } from '../http/errors.js';
import { hashPassword } from './passwords.js';
import { findStaffByEmail, insertStaffUser, type StaffRole, type StaffUser } from './staff-repository.js';

export async function createStaffUser(
  db: Db,
  input: { email: string; password: string; name?: string; role: StaffRole },
): Promise<StaffUser> {
  if (await findStaffByEmail(db, input.email)) {
    throw conflict('already_exists', `A staff member with the e-mail ${input.email} already exists.`, { email: 'is already used' });
  }
  return insertStaffUser(db, {
    email: input.email,
    name: input.name ?? input.email.split('@')[0] ?? '',
    role: input.role,
    passwordHash: await hashPassword(input.password),
  });
}

/**
 * ADMIN_EMAIL + ADMIN_PASSWORD on start: make sure that administrator exists. An existing
 * account keeps its password, so changing it in the console is not undone by a restart.
 */
export async function ensureAdministrator(db: Db, admin: { email: string; password: string }): Promise<'created' | 'exists'> {
  if (await findStaffByEmail(db, admin.email)) return 'exists';
  await createStaffUser(db, { email: admin.email, password: admin.password, role: 'admin', name: 'Administrator' });
  return 'created';
}
