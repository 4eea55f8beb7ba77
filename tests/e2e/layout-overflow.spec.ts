/**
 * Nothing overflows the screen: as a visitor, the coordinator, a partner representative and an elected official,
 * every page reachable from the home page (the accessibility sweep's crawl) is measured at 320, 390, 1280 and
 * 1440 px. The page is never wider than the window, and no element sticks out of it unless it sits in a box that
 * scrolls on its own (a wide table in its frame). A published charter holds a long unbreakable word in its
 * objective, an action's title and a journal comment, written through supabase-js as its coordinator and partner
 * (fresh accounts, so that the demo accounts' charters stay as other suites expect; the coordinator of that
 * charter is swept too).
 * Before this fix the dashboard was 1 515 px wide at 1280, and 879 px at 390, with such a word.
 */
import { expect, test, type Page } from '@playwright/test';
import { signInAs as clientAs } from '../helpers/demo.ts';
import { sql } from '../helpers/env.ts';
import { createCharter, freshUser, organizationId, TEST_PASSWORD, type TestCharter } from './fixtures.ts';
import { signIn } from './helpers.ts';
import { routeOf, START, sweep } from './page-sweep.ts';

const WIDTHS = [320, 390, 1280, 1440];
const LONG = 'Anticonstitutionnellement'.repeat(4);
const LONG_WORD_COORDINATOR = 'the coordinator of the charter with the long word';
const ROLES = [
	null,
	LONG_WORD_COORDINATOR,
	'coordination.hv@example.org',
	'ars.na@example.org',
	'maire.hv@example.org'
];

let charter: TestCharter;
let actionId: string;
let coordinatorEmail: string;

test.beforeAll(async () => {
	const coordinatorUser = await freshUser('coordination.longword', 'Coordination Mise en page');
	const partnerUser = await freshUser('partenaire.longword', 'Partenaire Mise en page');
	coordinatorEmail = coordinatorUser.email;
	charter = await createCharter({
		title: 'Mise en page',
		coordinatorId: coordinatorUser.id,
		members: [{ userId: partnerUser.id, role: 'partner_rep', organization: 'ARS Nouvelle-Aquitaine' }],
		partners: ['ARS Nouvelle-Aquitaine']
	});
	const coordinator = await clientAs(coordinatorUser.email, TEST_PASSWORD);
	const must = <T>(r: { data: T; error: { message: string } | null }): T => {
		if (r.error) throw new Error(r.error.message);
		return r.data;
	};
	const objective = must(
		await coordinator
			.from('objectives')
			.insert({ charter_id: charter.id, code: '1', title: `Objectif ${LONG}`, position: 1 })
			.select('id')
			.single()
	) as { id: string };
	const action = must(
		await coordinator
			.from('actions')
			.insert({
				charter_id: charter.id,
				objective_id: objective.id,
				code: '1.1',
				title: `Action ${LONG} du plan`,
				lead_organization_id: await organizationId('ARS Nouvelle-Aquitaine'),
				position: 1
			})
			.select('id, version')
			.single()
	) as { id: string; version: number };
	actionId = action.id;
	must(await coordinator.from('charters').update({ is_public: true }).eq('id', charter.id));
	const partner = await clientAs(partnerUser.email, TEST_PASSWORD);
	must(
		await partner.rpc('record_action_update', {
			p_action_id: action.id,
			p_expected_version: action.version,
			p_status: 'in_progress',
			p_progress: 30,
			p_health: 'at_risk',
			p_comment: `Commentaire ${LONG} et https://example.org/${LONG}/${LONG}`
		})
	);
	const [row] = await sql<{ comment: string }>('select comment from public.action_updates where action_id = $1', [
		action.id
	]);
	expect(row.comment).toContain(LONG);
});
test.afterAll(async () => charter?.drop());

/** Elements that stick out of the window, outside any box that scrolls or clips on its own. */
async function overflowing(page: Page) {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const inBox = (el: Element) => {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
				if (getComputedStyle(p).overflowX !== 'visible') return true;
			return false;
		};
		const out = [...document.body.querySelectorAll('*')]
			.filter((el) => {
				const r = el.getBoundingClientRect();
				if (r.width === 0 || r.height === 0) return false;
				return (r.right > width + 1 || r.left < -1) && !inBox(el);
			})
			.slice(0, 5)
			.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${el.textContent?.slice(0, 40)})`);
		return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, width, out };
	});
}

for (const role of ROLES) {
	test(`no page overflows at ${WIDTHS.join(', ')} px as ${role ?? 'a visitor without an account'}`, async ({
		page
	}) => {
		test.setTimeout(10 * 60_000);
		if (role === LONG_WORD_COORDINATOR) await signIn(page, coordinatorEmail, TEST_PASSWORD);
		else if (role) await signIn(page, role);
		const problems: string[] = [];
		// The charter with the long word first, then each kind of page once more, as the accessibility sweep.
		const start = [
			`/chartes/${charter.slug}/tableau-de-bord`,
			`/chartes/${charter.slug}/actions/${actionId}`,
			`/chartes/${charter.slug}`,
			`/public/${charter.slug}`,
			...START
		];
		const kind = (path: string) => `${routeOf(path)}${path.includes(charter.slug) ? ' (long word)' : ''}`;
		const seen = await sweep(
			page,
			async (path) => {
				for (const width of WIDTHS) {
					await page.setViewportSize({ width, height: 900 });
					await page.waitForTimeout(50);
					const o = await overflowing(page);
					if (o.scrollWidth > o.innerWidth || o.out.length)
						problems.push(`${path} at ${width} px: page ${o.scrollWidth} px; ${o.out.join('; ')}`);
				}
				await page.setViewportSize({ width: 1280, height: 900 });
			},
			{ start, kind }
		);
		console.log(`layout (${role ?? 'anon'}): ${seen.length} pages: ${seen.join(' ')}`);
		expect(seen.length).toBeGreaterThan(role ? 4 : 2);
		expect(seen.some((p) => p.includes(charter.slug))).toBe(true);
		expect(problems, problems.join('\n')).toEqual([]);
	});
}
