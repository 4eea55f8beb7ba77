/**
 * A thin layer over pdfkit for the COPIL report: a cursor that moves down the page, headings kept with what
 * follows, paragraphs, tables whose rows are never split (header repeated), and the footer of every page (the
 * charter's name, page n / N) written once the page count is known.
 */
import PDFDocument from 'pdfkit';
import {
	CONTENT_BOTTOM,
	CONTENT_WIDTH,
	PAGE,
	columnWidths,
	needsNewPage,
	planRows,
	type ColumnSpec
} from './layout.ts';
import { FONTS } from './fonts.ts';

export const COLORS = {
	text: '#1b1d1f',
	muted: '#4f565e',
	accent: '#1b5b86',
	border: '#c9cdd2',
	band: '#eef3f7',
	danger: '#a11d1a',
	warn: '#8a5700',
	ok: '#1c6b3a'
} as const;

export type FontName = 'regular' | 'bold' | 'italic';
/** A paragraph inside a cell or a block: its text and how it looks. */
export interface Part {
	text: string;
	font?: FontName;
	size?: number;
	color?: string;
}
export interface Column extends ColumnSpec {
	header: string;
	align?: 'left' | 'right';
}
/** A row of cells, or a heading across the table (an objective), kept with the row after it. */
export type Row = { cells: Part[][] } | { band: Part[] };

const CELL_PAD = 3.5;
const TABLE_SIZE = 8.3;

export class ReportWriter {
	readonly doc: PDFKit.PDFDocument;
	y: number = PAGE.top;
	private chunks: Buffer[] = [];
	private done: Promise<Buffer>;

	constructor(info: { title: string; author: string; lang: string }) {
		this.doc = new PDFDocument({
			size: 'A4',
			margins: { top: PAGE.top, bottom: 0, left: PAGE.left, right: PAGE.right },
			bufferPages: true,
			autoFirstPage: true,
			lang: info.lang,
			displayTitle: true,
			info: { Title: info.title, Author: info.author, Creator: info.author }
		});
		this.doc.registerFont('regular', FONTS.regular);
		this.doc.registerFont('bold', FONTS.bold);
		this.doc.registerFont('italic', FONTS.italic);
		this.doc.font('regular');
		this.done = new Promise((resolve, reject) => {
			this.doc.on('data', (c: Buffer) => this.chunks.push(c));
			this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
			this.doc.on('error', reject);
		});
	}

	private use(part: Part, size = 9.5): void {
		this.doc
			.font(part.font ?? 'regular')
			.fontSize(part.size ?? size)
			.fillColor(part.color ?? COLORS.text);
	}

	/** The height of paragraphs set `width` wide. */
	measure(parts: Part[], width: number, size = 9.5, gap = 1.5): number {
		return parts.reduce((h, p, i) => {
			this.use(p, size);
			return h + this.doc.heightOfString(p.text || ' ', { width, lineGap: 0.6 }) + (i ? gap : 0);
		}, 0);
	}

	private draw(
		parts: Part[],
		x: number,
		y: number,
		width: number,
		size = 9.5,
		gap = 1.5,
		align: 'left' | 'right' = 'left'
	) {
		let cursor = y;
		parts.forEach((p, i) => {
			if (i) cursor += gap;
			this.use(p, size);
			this.doc.text(p.text || ' ', x, cursor, { width, lineGap: 0.6, align });
			cursor += this.doc.heightOfString(p.text || ' ', { width, lineGap: 0.6 });
		});
	}

	newPage(): void {
		this.doc.addPage();
		this.y = PAGE.top;
	}

	/** A new page first if `height` does not fit below the cursor. */
	ensure(height: number): void {
		if (needsNewPage(this.y, height)) this.newPage();
	}

	space(points: number): void {
		this.y = Math.min(this.y + points, CONTENT_BOTTOM);
	}

	/** A section heading, on a new page if it would not fit with the `keep` points that follow it. */
	heading(text: string, keep: number, size = 12.5): void {
		const h = this.measure([{ text, font: 'bold', size }], CONTENT_WIDTH);
		if (this.y > PAGE.top) this.space(8);
		this.ensure(h + 6 + keep);
		this.draw([{ text, font: 'bold', size, color: COLORS.accent }], PAGE.left, this.y, CONTENT_WIDTH);
		this.y += h + 2;
		this.doc
			.moveTo(PAGE.left, this.y)
			.lineTo(PAGE.left + CONTENT_WIDTH, this.y)
			.lineWidth(0.8)
			.strokeColor(COLORS.accent)
			.stroke();
		this.y += 5;
	}

	/** Paragraphs across the page (or `width` wide from `x`), moving the cursor below them. */
	paragraph(parts: Part[], { x = PAGE.left, width = CONTENT_WIDTH, size = 9.5, after = 4 } = {}): void {
		const h = this.measure(parts, width, size);
		this.ensure(h);
		this.draw(parts, x, this.y, width, size);
		this.y += h + after;
	}

	/** Paragraphs at a fixed place, the cursor untouched; returns their height. */
	place(parts: Part[], x: number, y: number, width: number, size = 9.5, align: 'left' | 'right' = 'left'): number {
		this.draw(parts, x, y, width, size, 1.5, align);
		return this.measure(parts, width, size);
	}

	rowHeight(row: Row, widths: number[]): number {
		if ('band' in row) return this.measure(row.band, CONTENT_WIDTH - 2 * CELL_PAD, TABLE_SIZE) + 2 * CELL_PAD;
		return Math.max(...row.cells.map((c, i) => this.measure(c, widths[i] - 2 * CELL_PAD, TABLE_SIZE))) + 2 * CELL_PAD;
	}

	/** The first row's height with the header's: what a heading before the table must be kept with. */
	tableLead(columns: Column[], rows: Row[]): number {
		const widths = columnWidths(CONTENT_WIDTH, columns);
		const header = this.rowHeight({ cells: columns.map((c) => [{ text: c.header, font: 'bold' }]) }, widths);
		const first = rows.slice(0, 2).reduce((h, r) => h + this.rowHeight(r, widths), 0);
		return header + (rows.length ? first : 0);
	}

	private drawHeader(columns: Column[], widths: number[]): void {
		const cells = columns.map((c) => [{ text: c.header, font: 'bold' as const, color: COLORS.text }]);
		const h = this.rowHeight({ cells }, widths);
		this.doc.rect(PAGE.left, this.y, CONTENT_WIDTH, h).fill(COLORS.band);
		let x = PAGE.left;
		cells.forEach((c, i) => {
			this.draw(c, x + CELL_PAD, this.y + CELL_PAD, widths[i] - 2 * CELL_PAD, TABLE_SIZE, 1.5, columns[i].align);
			x += widths[i];
		});
		this.y += h;
		this.rule(1);
	}

	private rule(width = 0.5): void {
		this.doc
			.moveTo(PAGE.left, this.y)
			.lineTo(PAGE.left + CONTENT_WIDTH, this.y)
			.lineWidth(width)
			.strokeColor(COLORS.border)
			.stroke();
	}

	table(columns: Column[], rows: Row[]): void {
		const widths = columnWidths(CONTENT_WIDTH, columns);
		const header = this.rowHeight({ cells: columns.map((c) => [{ text: c.header, font: 'bold' }]) }, widths);
		const heights = rows.map((r) => this.rowHeight(r, widths));
		this.ensure(header + (heights[0] ?? 0) + ('band' in (rows[0] ?? {}) ? (heights[1] ?? 0) : 0));
		const breaks = planRows(
			rows.map((r, i) => ({ height: heights[i], keepWithNext: 'band' in r })),
			{ y: this.y, header }
		);
		this.drawHeader(columns, widths);
		rows.forEach((row, i) => {
			if (breaks[i]) {
				this.newPage();
				this.drawHeader(columns, widths);
			}
			if ('band' in row) {
				this.draw(row.band, PAGE.left + CELL_PAD, this.y + CELL_PAD, CONTENT_WIDTH - 2 * CELL_PAD, TABLE_SIZE);
			} else {
				let x = PAGE.left;
				row.cells.forEach((c, j) => {
					this.draw(c, x + CELL_PAD, this.y + CELL_PAD, widths[j] - 2 * CELL_PAD, TABLE_SIZE, 1.5, columns[j].align);
					x += widths[j];
				});
			}
			this.y += heights[i];
			this.rule();
		});
		this.y += 4;
	}

	/** Writes every page's footer, then the file. */
	async finish(footer: (page: number, pages: number) => { left: string; right: string }): Promise<Buffer> {
		const range = this.doc.bufferedPageRange();
		for (let i = range.start; i < range.start + range.count; i++) {
			this.doc.switchToPage(i);
			const { left, right } = footer(i + 1, range.count);
			const y = PAGE.height - PAGE.bottom + 18;
			this.doc
				.moveTo(PAGE.left, y - 6)
				.lineTo(PAGE.left + CONTENT_WIDTH, y - 6)
				.lineWidth(0.5)
				.strokeColor(COLORS.border)
				.stroke();
			this.use({ text: left, color: COLORS.muted }, 8);
			this.doc.text(left, PAGE.left, y, { width: CONTENT_WIDTH - 90, lineBreak: false, height: 12, ellipsis: false });
			this.doc.text(right, PAGE.left + CONTENT_WIDTH - 90, y, { width: 90, align: 'right', lineBreak: false });
		}
		this.doc.end();
		return this.done;
	}
}
