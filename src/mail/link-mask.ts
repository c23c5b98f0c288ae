/**
 * A client's e-mail holds links that act as them: confirm this booking, sign in, take this
 * offered time. Once the e-mail goes to the client over SMTP, the staff's copy shows those links
 * with their token hidden, so reading the outbox never lets anyone act as a patient.
 */
const TOKEN_VALUE = /([?&](?:amp;)?token=)[^&\s"'<>]+/g;

export const HIDDEN_TOKEN = 'hidden';

export function hideLinkTokens(body: string): string {
  return body.replace(TOKEN_VALUE, `$1${HIDDEN_TOKEN}`);
}
