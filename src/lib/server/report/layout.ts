/**
 * Page layout of the COPIL report, as pure arithmetic (points, A4 portrait): column widths that give titles room,
 * page breaks that keep a heading with what follows and never split a table row, and long text cut only with a
 * word that says so.
 */

/** A4 portrait in PDF points, and the report's margins. */
export const PAGE = { width: 595.28, height: 841.89, left: 42, right: 42, top: 44, bottom: 58 } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** The last y a block may reach: the footer lives below. */
export const CONTENT_BOTTOM = PAGE.height - PAGE.bottom;

export interface ColumnSpec {
	/** The width it never goes below. */
	min: number;
	/** Its share of what is left over. */
	weight: number;
}

/** Each column gets its minimum, then the rest of the width in proportion to its weight. */
export function columnWidths(total: number, columns: ColumnSpec[]): number[] {
	const minSum = columns.reduce((n, c) => n + c.min, 0);
	const weights = columns.reduce((n, c) => n + c.weight, 0);
	const spare = Math.max(0, total - minSum);
	if (minSum > total) return columns.map((c) => (c.min * total) / minSum);
	return columns.map((c) => c.min + (weights ? (spare * c.weight) / weights : 0));
}

/** Whether a block of `height` must start on a new page, from `y` (a block taller than a page starts a page). */
export function needsNewPage(y: number, height: number, top = PAGE.top, bottom = CONTENT_BOTTOM): boolean {
	if (y <= top) return false;
	return y + height > bottom;
}

/**
 * Where each row of a table goes: `true` where a page break comes before it. A row is never split; a group
 * heading (`keepWithNext`) moves with the row after it; the table's header is repeated on each new page, so its
 * height counts at the top of every page.
 */
export function planRows(
	rows: { height: number; keepWithNext?: boolean }[],
	{ y, header, top = PAGE.top, bottom = CONTENT_BOTTOM }: { y: number; header: number; top?: number; bottom?: number }
): boolean[] {
	const breaks: boolean[] = [];
	let cursor = y + header;
	rows.forEach((row, i) => {
		const next = row.keepWithNext && rows[i + 1] ? rows[i + 1].height : 0;
		const pageTop = top + header;
		const breakHere = cursor > pageTop && cursor + row.height + next > bottom;
		if (breakHere) cursor = pageTop;
		breaks.push(breakHere);
		cursor += row.height;
	});
	return breaks;
}

/**
 * Long text cut at a word boundary near `max` characters, followed by `more` (e.g. "[…] suite dans le journal"),
 * so that nobody reads a shortened comment as the whole one.
 */
export function clipText(text: string, max: number, more: string): string {
	const clean = text.replace(/\s+/g, ' ').trim();
	if (clean.length <= max) return clean;
	const cut = clean.slice(0, max);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')} ${more}`;
}
