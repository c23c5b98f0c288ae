import { parseArgs } from 'node:util';
import type { CliOutput } from '../audit/audit-cli.js';
import type { DatabaseHandle } from '../db/engine.js';
import { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey, type ApiKeyScope } from './api-keys.js';

export const APIKEY_USAGE = `Usage: clinicflow apikey create --name N [--scope read,write]
       clinicflow apikey list
       clinicflow apikey revoke --id ID`;

type Parsed = { command: 'create'; name: string; scopes: ApiKeyScope[] } | { command: 'list' } | { command: 'revoke'; id: string } | { error: string };

/** Reads the arguments of `clinicflow apikey ...`; pure, so every refusal is tested without a database. */
export function parseApiKeyArgs(args: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, scope: { type: 'string', default: 'read' }, id: { type: 'string' } } });
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (extra.length > 0) return { error: `Unexpected "${extra.join(' ')}".` };
  if (command === 'list') return { command };
  if (command === 'revoke') return values.id ? { command, id: values.id } : { error: '--id is required: the key’s id, as `clinicflow apikey list` shows it.' };
  if (command !== 'create') return { error: command ? `Unknown subcommand "${command}".` : 'Name a subcommand.' };
  const name = values.name?.trim() ?? '';
  if (name.length === 0 || name.length > 100) return { error: '--name is required: 1 to 100 characters, e.g. --name Zapier.' };
  const scopes = (values.scope ?? '').split(',').map((scope) => scope.trim()).filter(Boolean);
  const unknown = scopes.find((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
  if (unknown !== undefined || scopes.length === 0) return { error: `--scope takes ${API_KEY_SCOPES.join(', ')} separated by commas${unknown ? `; "${unknown}" is not one` : ''}.` };
  return { command, name, scopes: scopes as ApiKeyScope[] };
}

/** `clinicflow apikey <subcommand>`; `open` opens the migrated database, as `migrate` does. */
export async function runApiKeyCommand(args: string[], open: () => Promise<DatabaseHandle>, out: CliOutput = console, now: () => Date = () => new Date()): Promise<number> {
  const parsed = parseApiKeyArgs(args);
  if ('error' in parsed) {
    out.error(`${parsed.error}\n${APIKEY_USAGE}`);
    return 2;
  }
  const handle = await open();
  try {
    switch (parsed.command) {
      case 'create': {
        const { apiKey, key } = await createApiKey(handle.db, { name: parsed.name, scopes: parsed.scopes, createdBy: null, now: now() });
        out.log(`Created API key "${apiKey.name}" (${apiKey.scopes.join(', ')}), id ${apiKey.id}.`);
        out.log('The key, shown this once (send it as "Authorization: Bearer <key>"):');
        out.log(key);
        return 0;
      }
      case 'list': {
        const keys = await listApiKeys(handle.db);
        if (keys.length === 0) out.log('No API keys.');
        for (const apiKey of keys) {
          const state = apiKey.revokedAt ? `revoked ${apiKey.revokedAt.toISOString()}` : `last used ${apiKey.lastUsedAt?.toISOString() ?? 'never'}`;
          out.log(`${apiKey.id}  ${apiKey.prefix}…  ${apiKey.name}  [${apiKey.scopes.join(',')}]  ${state}`);
        }
        return 0;
      }
      case 'revoke': {
        const found = /^[0-9a-f-]{36}$/i.test(parsed.id) && (await revokeApiKey(handle.db, parsed.id, now()));
        if (!found) {
          out.error(`There is no API key with id ${parsed.id}.`);
          return 1;
        }
        out.log(`Revoked API key ${parsed.id}: it stops working at once.`);
        return 0;
      }
    }
  } finally {
    await handle.close();
  }
}
