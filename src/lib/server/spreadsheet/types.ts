/**
 * Spreadsheet import and export, reusable: a file (XLSX workbook, or CSV files named after their sheet) is
 * read against sheet specifications, each cell parsed by its column's type, and every problem reported by
 * sheet, row and column in words. The charter plan (../charter-plan/) and the internship register
 * (../internship-import/) use it; ./upload.ts holds the two form steps both import pages share.
 */

/** A problem found in a file. `row` is the spreadsheet's row number (the header is row 1). */
export interface Problem {
	level: 'error' | 'warning';
	/** A warning the preview shows in its own box: a column of the file that nothing reads. */
	kind?: 'ignored_column';
	sheet: string;
	row: number | null;
	column: string | null;
	message: string;
}

export type CellValue = string | number | boolean | Date | null;

export type ColumnType = 'text' | 'integer' | 'number' | 'date' | 'enum' | 'list';

export interface ColumnSpec {
	/** Key of the parsed record. */
	key: string;
	/** Header written in the template (French, the contract documented in docs/). */
	header: string;
	/** Other headers accepted on import. */
	aliases?: string[];
	required?: boolean;
	type: ColumnType;
	/** Text: maximum length. */
	max?: number;
	/** Numbers: bounds (inclusive). */
	min?: number;
	maxValue?: number;
	/** Numbers: the most decimals the database keeps (2 for euros); more is refused, never rounded. */
	decimals?: number;
	/** Enum: each value and the spellings accepted for it (the first is written on export). */
	values?: Record<string, string[]>;
	/** List: separator written on export (import accepts ; and line breaks, and , for codes). */
	separator?: string;
	/** A drop-down list of the values of another sheet's column (the pilot: the partners sheet's names). */
	choicesFrom?: { sheet: string; column: string };
	/** What to write in the column, shown in the template's notice sheet and the documentation. */
	description: string;
	example?: string;
}

export interface SheetSpec {
	/** Sheet name in the workbook and CSV file name (without .csv). */
	name: string;
	/** Human title of the sheet. */
	title: string;
	description: string;
	columns: ColumnSpec[];
}

/** One data row as read from the file: the cells by column key, before parsing. */
export interface RawRow {
	row: number;
	cells: Record<string, CellValue>;
}

export interface RawSheet {
	spec: SheetSpec;
	/** Headers found in the file, in order. */
	headers: string[];
	rows: RawRow[];
}

/** A parsed row: values by column key (null when empty), with its row number for later messages. */
export interface ParsedRow {
	row: number;
	values: Record<string, string | number | string[] | null>;
}

export interface UploadedFile {
	name: string;
	data: Uint8Array;
}
