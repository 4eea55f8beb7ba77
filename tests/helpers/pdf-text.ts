/**
 * Reads back what a PDF made by pdfkit says, with nothing but Node: its pages (in order) and the text of each,
 * decoded through the fonts' ToUnicode maps. Enough for tests to check a report's page count and words; CI
 * machines may have no poppler.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
	dict: string;
	stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
	const text = pdf.toString('latin1');
	const found = new Map<number, PdfObject>();
	const re = /(\d+) 0 obj\b/g;
	let match: RegExpExecArray | null;
	while ((match = re.exec(text))) {
		const start = match.index + match[0].length;
		const end = text.indexOf('endobj', start);
		const body = text.slice(start, end);
		const s = body.indexOf('stream');
		if (s < 0) {
			found.set(Number(match[1]), { dict: body, stream: null });
			continue;
		}
		const dict = body.slice(0, s);
		let from = start + s + 'stream'.length;
		if (text[from] === '\r') from++;
		if (text[from] === '\n') from++;
		const to = text.lastIndexOf('endstream', end);
		let data = pdf.subarray(from, to);
		if (/\/FlateDecode/.test(dict)) data = inflateSync(data, { finishFlush: 2 });
		found.set(Number(match[1]), { dict, stream: data });
		re.lastIndex = end;
	}
	return found;
}

const hexUnicode = (hex: string) => {
	const codes: number[] = [];
	for (let i = 0; i < hex.length; i += 4) codes.push(parseInt(hex.slice(i, i + 4), 16));
	return String.fromCharCode(...codes);
};

function toUnicode(cmap: string): Map<number, string> {
	const map = new Map<number, string>();
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const [, from, to] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
			map.set(parseInt(from, 16), hexUnicode(to));
		}
	}
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const [, a, b, rest] of block[1].matchAll(
			/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g
		)) {
			const lo = parseInt(a, 16);
			const hi = parseInt(b, 16);
			if (rest.startsWith('[')) {
				[...rest.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach(([, u], i) =>
					map.set(lo + i, hexUnicode(u.replace(/\s/g, '')))
				);
			} else {
				const base = parseInt(rest.slice(1, -1), 16);
				for (let g = lo; g <= hi; g++) map.set(g, String.fromCharCode(base + g - lo));
			}
		}
	}
	return map;
}

const ref = (dict: string, key: string) => {
	const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
	return m ? Number(m[1]) : null;
};

/** The text of each page, in order, words separated by spaces. */
export function pdfPages(pdf: Buffer): string[] {
	const objs = objects(pdf);
	const root = [...objs.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && /\/Kids/.test(o.dict));
	const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(root?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) =>
		Number(k[1])
	);
	const fontMaps = new Map<number, Map<number, string>>();
	const fontMap = (id: number) => {
		if (!fontMaps.has(id)) {
			const cmapId = ref(objs.get(id)?.dict ?? '', 'ToUnicode');
			fontMaps.set(id, toUnicode(cmapId ? (objs.get(cmapId)?.stream?.toString('latin1') ?? '') : ''));
		}
		return fontMaps.get(id)!;
	};
	return kids.map((pageId) => {
		const page = objs.get(pageId)!.dict;
		const resourcesId = ref(page, 'Resources');
		const resources = resourcesId ? objs.get(resourcesId)!.dict : page;
		const fontBlock = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
		const fonts = new Map([...fontBlock.matchAll(/\/(\w+)\s+(\d+) 0 R/g)].map(([, name, id]) => [name, Number(id)]));
		const contents = objs.get(ref(page, 'Contents')!)!.stream!.toString('latin1');
		let current = new Map<number, string>();
		const out: string[] = [];
		for (const token of contents.matchAll(
			/\/(\w+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g
		)) {
			if (token[1]) current = fontMap(fonts.get(token[1]) ?? -1);
			else if (token[0] === 'ET') out.push(' ');
			else {
				const hexes =
					token[2] !== undefined ? [...token[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [token[3]];
				for (const hex of hexes) {
					for (let i = 0; i < hex.length; i += 4) out.push(current.get(parseInt(hex.slice(i, i + 4), 16)) ?? '');
				}
			}
		}
		// ASCII white space only: the no-break spaces of 600 000 € are kept.
		return out
			.join('')
			.replace(/[ \t\r\n]+/g, ' ')
			.trim();
	});
}
