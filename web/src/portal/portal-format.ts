/** "вівторок, 8 грудня" → "Вівторок, 8 грудня": dates open a line or a sentence. */
export function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
