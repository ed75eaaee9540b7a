/**
 * RFC 4180 records from text arriving in chunks: quoted fields with embedded delimiters, quotes
 * ("" inside quotes) and line breaks; CRLF, LF or lone CR line ends; a leading BOM is dropped.
 * No CSV library is installed, so this is the one small parser both importers share (Berka's
 * .asc files are the same format with ';'). Blank lines are skipped. A record carries the
 * physical line it starts on, so errors point at the line an editor shows.
 */
export interface DelimitedRecord {
  line: number;
  fields: string[];
  /** Set when the record breaks the format (a stray quote, text after a closing quote, an unterminated quote). */
  error: string | null;
}

/**
 * Longest field and most fields a record may have. A transaction export's fields are short; a
 * field past this is a broken file (typically one unclosed quote swallowing the rest of it), and
 * keeping it would cost memory in proportion to the file (issue 14, finding 12: 1.16 GB for a
 * 30 MB file). The record is reported as broken and the excess is not kept.
 */
export const MAX_FIELD_CHARS = 64 * 1024;
export const MAX_FIELDS = 1000;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class DelimitedParser {
  private readonly delim: number;
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  /** A quote seen inside a quoted field: either the first of "" or the closing quote. */
  private quotePending = false;
  /** The field was quoted and closed: only a delimiter or a line end may follow. */
  private closed = false;
  private lastWasCr = false;
  private line = 1;
  private recordLine = 1;
  private error: string | null = null;
  private started = false;
  private out: DelimitedRecord[] = [];

  /** Characters of the current record beyond the caps are dropped, not kept. */
  private overflow = false;

  constructor(delimiter = ',') {
    if (delimiter.length !== 1 || delimiter === '"') throw new Error('The delimiter must be one character other than a quote.');
    this.delim = delimiter.charCodeAt(0);
  }

  /** Parses a chunk; returns the records it completed. */
  push(chunk: string): DelimitedRecord[] {
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (let i = 0; i < text.length; i++) this.char(text.charCodeAt(i), text, i);
    const done = this.out;
    this.out = [];
    return done;
  }

  /** Ends the input; returns the last record, if any. */
  end(): DelimitedRecord[] {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
      this.closed = true;
    }
    if (this.inQuotes) {
      this.error ??= `a quoted field starting on line ${this.recordLine} is never closed`;
      this.inQuotes = false;
    }
    if (this.fields.length > 0 || this.field !== '' || this.closed || this.error) this.finishRecord();
    const done = this.out;
    this.out = [];
    return done;
  }

  private char(c: number, text: string, i: number): void {
    const afterCr = this.lastWasCr;
    this.lastWasCr = c === CR;
    if (this.quotePending) {
      this.quotePending = false;
      if (c === QUOTE) {
        this.field += '"';
        return;
      }
      this.inQuotes = false;
      this.closed = true;
    }
    if (this.inQuotes) {
      if (c === QUOTE) {
        this.quotePending = true;
        return;
      }
      if (c === CR || (c === LF && !afterCr)) this.line++;
      this.append(text, i);
      return;
    }
    if (c === LF && afterCr) return; // the CR of this CRLF already ended the record
    if (c === this.delim) {
      if (this.fields.length < MAX_FIELDS) this.fields.push(this.field);
      else this.tooMany();
      this.field = '';
      this.closed = false;
      return;
    }
    if (c === CR || c === LF) {
      if (this.fields.length > 0 || this.field !== '' || this.closed || this.error) this.finishRecord();
      this.line++;
      this.recordLine = this.line;
      return;
    }
    if (this.closed) {
      this.error ??= 'text after a closing quote (quote the whole field)';
      this.append(text, i);
      return;
    }
    if (c === QUOTE) {
      if (this.field === '') {
        this.inQuotes = true;
        return;
      }
      this.error ??= 'a quote inside an unquoted field (quote the whole field and double the quote)';
    }
    this.append(text, i);
  }

  private append(text: string, i: number): void {
    if (this.overflow) return;
    if (this.field.length < MAX_FIELD_CHARS) {
      this.field += text[i];
      return;
    }
    if (!this.overflow) {
      this.overflow = true;
      this.error ??= this.inQuotes
        ? `a quoted field starting on line ${this.recordLine} runs past ${MAX_FIELD_CHARS / 1024} KiB (is a closing quote missing?)`
        : `a field is longer than ${MAX_FIELD_CHARS / 1024} KiB`;
      // Flattened once: the field was built a character at a time, and V8 would otherwise keep that rope.
      this.field = this.field.slice(0, 200);
    }
  }

  private tooMany(): void {
    if (this.overflow) return;
    this.overflow = true;
    this.error ??= `a record has more than ${MAX_FIELDS} fields`;
  }

  private finishRecord(): void {
    if (this.fields.length < MAX_FIELDS) this.fields.push(this.field);
    this.out.push({ line: this.recordLine, fields: this.fields, error: this.error });
    this.fields = [];
    this.field = '';
    this.closed = false;
    this.error = null;
    this.overflow = false;
  }
}
