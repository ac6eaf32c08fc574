/** One column of the data dictionary: what an analyst needs to read it without the code. */
export interface ColumnEntry {
  /** What the value is and how the writer fills it (one or two sentences). */
  description: string;
  /** Unit of a number or time (`ms`, `UTC`, `count`), when it has one. */
  unit?: string;
  /** The Douyu wire field(s) it comes from (`chatmsg.level`), when it comes from the wire. */
  wire?: string;
  /** Meaning of each code value, in order: [code, meaning]. */
  codes?: readonly (readonly [string, string])[];
}

export interface RelationEntry {
  kind: 'table' | 'view';
  /** One line: what one row is. */
  description: string;
  /** Every column, in the order the schema declares them. */
  columns: Readonly<Record<string, ColumnEntry>>;
}

export type DataDictionary = Readonly<Record<string, RelationEntry>>;
