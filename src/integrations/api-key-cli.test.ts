import { describe, expect, it } from 'vitest';
import { parseApiKeyArgs } from './api-key-cli.js';

describe('clinicflow apikey arguments', () => {
  it('reads create with a name and scopes, read only by default', () => {
    expect(parseApiKeyArgs(['create', '--name', 'Zapier', '--scope', 'read,write'])).toEqual({ command: 'create', name: 'Zapier', scopes: ['read', 'write'] });
    expect(parseApiKeyArgs(['create', '--name', 'Reports'])).toEqual({ command: 'create', name: 'Reports', scopes: ['read'] });
    expect(parseApiKeyArgs(['list'])).toEqual({ command: 'list' });
    expect(parseApiKeyArgs(['revoke', '--id', 'abc'])).toEqual({ command: 'revoke', id: 'abc' });
  });

  it('says what is wrong instead of guessing', () => {
    expect(parseApiKeyArgs(['create'])).toEqual({ error: expect.stringContaining('--name') });
    expect(parseApiKeyArgs(['create', '--name', 'X', '--scope', 'read,admin'])).toEqual({ error: expect.stringContaining('"admin"') });
    expect(parseApiKeyArgs(['revoke'])).toEqual({ error: expect.stringContaining('--id') });
    expect(parseApiKeyArgs(['rotate'])).toEqual({ error: expect.stringContaining('"rotate"') });
    expect(parseApiKeyArgs(['create', '--name', 'X', '--colour', 'red'])).toEqual({ error: expect.stringContaining('colour') });
  });
});
