// What the command palette recognises in typed text, kept free of React so it can be tested alone.

/** "#22", "alert 22", "Alert #22": an alert by its number. */
const ALERT_NO = /^(?:#|alert\s*#?\s*)(\d{1,9})$/i;
/** One word of letters, digits and - _ / . : what bank and external transaction references look like. */
export const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_\-/.]{3,63}$/;

/** The alert number typed, if the text is one. */
export function alertNumberOf(text: string): number | null {
  const m = ALERT_NO.exec(text.trim());
  return m ? Number(m[1]) : null;
}
