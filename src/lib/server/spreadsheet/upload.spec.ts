/** The two form steps both imports share: the files of the upload, the preview's answer, the payload posted back. */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { MAX_UPLOAD_BYTES, previewResult, readPayload, readUploads, UPLOAD_FIELD } from './upload.ts';

function post(fields: [string, string | File][]): Request {
	const body = new FormData();
	for (const [name, value] of fields) body.append(name, value);
	return new Request('http://localhost/import?/apercu', { method: 'POST', body });
}
const file = (name: string, content = 'Code;Titre\n1;Un') => new File([content], name);

describe('readUploads', () => {
	test('gives the XLSX and CSV files of the field, empty inputs left out', async () => {
		const upload = await readUploads(
			post([
				[UPLOAD_FIELD, file('objectifs.csv')],
				[UPLOAD_FIELD, new File([], '')],
				[UPLOAD_FIELD, file('Plan.XLSX', 'PK')]
			])
		);
		expect(upload.ok).toBe(true);
		if (!upload.ok) return;
		expect(upload.files.map((f) => f.name)).toEqual(['objectifs.csv', 'Plan.XLSX']);
		expect(new TextDecoder().decode(upload.files[0].data)).toBe('Code;Titre\n1;Un');
	});

	test('refuses no file, another type, and more than 10 MB in all', async () => {
		const status = async (fields: [string, string | File][]) => {
			const upload = await readUploads(post(fields));
			return upload.ok ? 200 : upload.failure.status;
		};
		expect(await status([])).toBe(400);
		expect(await status([['fichier', file('objectifs.csv')]])).toBe(400);
		expect(await status([[UPLOAD_FIELD, file('plan.pdf')]])).toBe(400);
		const half = 'x'.repeat(MAX_UPLOAD_BYTES / 2 + 1);
		expect(
			await status([
				[UPLOAD_FIELD, file('actions.csv', half)],
				[UPLOAD_FIELD, file('objectifs.csv', half)]
			])
		).toBe(413);
	});
});

describe('previewResult', () => {
	const files = [{ name: 'plan.xlsx', data: new Uint8Array() }];

	test('a preview with a payload answers with it as JSON, and the files’ names', async () => {
		const result = await previewResult(files, async () => ({ sheets: [], problems: [], payload: { rows: [1] } }));
		expect(result).toEqual({ preview: { sheets: [], problems: [], payload: '{"rows":[1]}', files: ['plan.xlsx'] } });
	});

	test('a preview with errors is a 422 holding it; a failed read of the database a 503', async () => {
		const problem = { level: 'error' as const, sheet: 'actions', row: 2, column: 'Code', message: 'mal formé' };
		const refused = await previewResult(files, async () => ({ sheets: [], problems: [problem], payload: null }));
		expect(refused).toMatchObject({ status: 422, data: { preview: { problems: [problem], payload: null } } });
		const down = await previewResult(files, async () => {
			throw new Error('lookup failed');
		});
		expect(down).toMatchObject({ status: 503, data: { uploadError: expect.any(String) } });
	});
});

describe('readPayload', () => {
	const schema = z.array(z.object({ code: z.string() })).min(1);

	test('gives the payload posted back when it still fits its schema', async () => {
		const posted = await readPayload(post([['payload', '[{"code":"1"}]']]), schema);
		expect(posted).toEqual({ ok: true, payload: [{ code: '1' }] });
	});

	test('refuses what is not JSON, or not of the schema, with a 400', async () => {
		for (const value of ['pas du JSON', '[]', '[{"code":1}]']) {
			const posted = await readPayload(post([['payload', value]]), schema);
			expect(posted.ok ? 200 : posted.failure.status, value).toBe(400);
		}
		expect((await readPayload(post([]), schema)).ok).toBe(false);
	});
});
