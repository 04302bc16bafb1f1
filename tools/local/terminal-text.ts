import { styleText } from 'node:util';

/**
 * Characters a record must never send to a terminal: C0 and C1 controls and DEL (an ESC starts an ANSI
 * sequence that can recolor, move the cursor, retitle the window or hide text), and the Unicode bidi
 * overrides, isolates and line separators that reorder or break what a line shows. A login email is
 * attacker-controlled, so every string taken from a record goes through `terminalSafe`.
 */
const unsafe = /[\p{Cc}\p{Zl}\p{Zp}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with every unsafe character written as an escape (`\x1b`, `\u202e`, `\n`): visible, inert. */
export const terminalSafe = (text: string): string =>
  text.replace(unsafe, (char) => {
    const code = char.charCodeAt(0);
    return (
      named[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
    );
  });

export type Style = Parameters<typeof styleText>[0];
export type Paint = (style: Style, text: string) => string;

/**
 * Colors through `util.styleText` checked against the stream the text goes to: none when it is not a
 * terminal, none with NO_COLOR, forced with FORCE_COLOR (Node's own rules, as for its own output).
 */
export const painterFor =
  (stream: NodeJS.WritableStream): Paint =>
  (style, text) =>
    styleText(style, text, { stream });
