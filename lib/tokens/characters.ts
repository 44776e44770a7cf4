// Characters that let one name pass for another, refused in the free text a person reads back (text.ts)
// and, the control characters, in what the list is searched and paged by (list-params.ts). No zod here:
// the list's vocabulary runs in the browser.

// Controls (C0, C1), bidi controls (which reorder what is shown), and invisible ones (zero-width spaces,
// byte-order marks, line and paragraph separators, other format characters). The zero-width joiner stays
// allowed: emoji sequences need it.
const CONTROL = /\p{Cc}/u;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;
const ZERO_WIDTH_JOINER = "\u200d";

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

const controlMessage = (field: string, ch: string) => `${field} cannot contain control characters (${codePoint(ch)}).`;

export const hasControlCharacter = (value: string): boolean => CONTROL.test(value);

/** Why `field` refuses a control character of `value` (NUL among them), naming it, or null. */
export function controlCharacter(field: string, value: string): string | null {
  const match = CONTROL.exec(value);
  return match ? controlMessage(field, match[0]) : null;
}

/** Why `field` refuses a character of `value` (a control, bidi or invisible one), naming it, or null. */
export function forbiddenCharacter(field: string, value: string): string | null {
  for (const ch of value) {
    if (CONTROL.test(ch)) return controlMessage(field, ch);
    if (BIDI.test(ch))
      return `${field} cannot contain bidirectional control characters (${codePoint(ch)}), which change how text is shown.`;
    if (ch !== ZERO_WIDTH_JOINER && INVISIBLE.test(ch)) return `${field} cannot contain invisible characters (${codePoint(ch)}).`;
  }
  return null;
}
