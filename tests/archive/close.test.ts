/**
 * Closing a charter files its archive among its documents (issue 16, part 5): the administration form itself,
 * as the coordinator, on a charter of its own. The page says so; the document is a zip of kind `archive` under
 * the charter's `archives/` folder whose manifest names the charter; saving the closed charter again files
 * nothing more.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS_BUCKET } from '../../src/lib/documents/files.ts';
import { actions } from '../../src/routes/(app)/chartes/[slug]/administration/+page.server.ts';
import { createDashboardFixture, FIXTURE_PASSWORD, type DashboardFixture } from '../helpers/dashboard-fixture.ts';
import { signedIn } from '../helpers/dashboard-load.ts';
import { superuserPool } from '../helpers/demo.ts';
import { serviceClient } from '../helpers/env.ts';

const su = superuserPool();
let fx: DashboardFixture;
let coordinator: Awaited<ReturnType<typeof signedIn>>;

function save(status: string) {
	const body = new FormData();
	const fields: Record<string, string> = {
		title: fx.title,
		shortTitle: '',
		scopeLevel: 'departement',
		territoryCode: '',
		territoryLabel: '',
		signedOn: '',
		startsOn: '',
		endsOn: '',
		summary: '',
		status,
		staleAfterDays: '30',
		budgetTotal: '',
		budgetNote: ''
	};
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	const url = `http://localhost/chartes/${fx.slug}/administration`;
	return actions.default({
		locals: { supabase: coordinator.client, user: coordinator.user },
		params: { slug: fx.slug },
		request: new Request(url, { method: 'POST', body }),
		url: new URL(url)
	} as never) as Promise<{ form: { message?: { kind: string; text: string } } }>;
}

const archives = () =>
	su.query<{ object_path: string; mime_type: string; file_name: string; title: string }>(
		`select object_path, mime_type, file_name, title from public.documents where charter_id = $1 and kind = 'archive'`,
		[fx.charterId]
	);

beforeAll(async () => {
	fx = await createDashboardFixture('closing');
	coordinator = await signedIn(fx.coordinator.email, FIXTURE_PASSWORD);
});

// The charter is the test's own: its documents stay with it (the test stack is reset each run).
afterAll(async () => {
	await su.end();
});

describe('closing a charter', () => {
	it('saving it still active files nothing', async () => {
		const saved = await save('active');
		expect(saved.form.message).toEqual({ kind: 'success', text: 'Les informations de la charte sont enregistrées.' });
		expect(await archives()).toHaveLength(0);
	});

	it('files its archive as a document, and says so', async () => {
		const saved = await save('closed');
		expect(saved.form.message).toEqual({
			kind: 'success',
			text: "Les informations de la charte sont enregistrées. L'archive de la charte a été enregistrée dans ses documents."
		});
		const [{ status }] = await su.query<{ status: string }>('select status from public.charters where id = $1', [
			fx.charterId
		]);
		expect(status).toBe('closed');
		const filed = await archives();
		expect(filed).toHaveLength(1);
		expect(filed[0]).toMatchObject({
			mime_type: 'application/zip',
			file_name: expect.stringMatching(/^archive-test-closing-.*\.zip$/)
		});
		expect(filed[0].object_path.startsWith(`${fx.charterId}/archives/`)).toBe(true);
		expect(filed[0].title).toMatch(/^Archive complète de la charte au \d{2}\/\d{2}\/\d{4}$/);

		const { data } = await serviceClient().storage.from(DOCUMENTS_BUCKET).download(filed[0].object_path);
		const files = unzipSync(new Uint8Array(await data!.arrayBuffer()));
		const manifest = JSON.parse(strFromU8(files['manifest.json'])) as { charter: { id: string } };
		expect(manifest.charter.id).toBe(fx.charterId);
		const actionsJson = JSON.parse(strFromU8(files['json/actions.json'])) as unknown[];
		expect(actionsJson).toHaveLength(5);
	});

	it('saving the closed charter again files no second archive', async () => {
		const saved = await save('closed');
		expect(saved.form.message?.text).toBe('Les informations de la charte sont enregistrées.');
		expect(await archives()).toHaveLength(1);
	});
});
