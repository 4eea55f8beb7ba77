/**
 * The installation pipeline's figures kept per charter (private.support_pipeline_figures, read by
 * public.support_pipeline instead of counting a big charter's requests and referrals on every view): after each
 * kind of write (a request received, moved, installed, erased of its needs, deleted; referrals routed, answered,
 * deleted with their request; many requests in one statement; two transactions writing the same charter at the
 * same time), they equal the same figures computed from the rows, and the counts by status equal a plain
 * group by.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, testConfig } from '../helpers/env.ts';
import { shiftDays } from '../helpers/dashboard-fixture.ts';
import {
	createPipelineFixture,
	insertRequest,
	removePipelineFixture,
	type PipelineFixture
} from './pipeline-fixture.ts';

let fx: PipelineFixture;

beforeAll(async () => {
	fx = await createPipelineFixture();
}, 60_000);
afterAll(async () => {
	await removePipelineFixture(fx);
});

/** The stored row and the same figures computed from the rows now, as json text (same key order). */
async function compare() {
	const [row] = await sql<{ stored: unknown; computed: unknown; statuses: Record<string, number> | null }>(
		`select
		   (select jsonb_build_object('requests', jsonb_build_array(f.requests_total, f.requests_open, f.by_status,
		      f.by_need, f.by_profession, f.installed, f.median_days, f.installations), 'referrals', f.referrals)
		    from private.support_pipeline_figures f where f.charter_id = $1) as stored,
		   (select jsonb_build_object('requests', jsonb_build_array(x.requests_total, x.requests_open, x.by_status,
		      x.by_need, x.by_profession, x.installed, x.median_days, x.installations),
		      'referrals', private.pipeline_referral_figures($1))
		    from private.pipeline_request_figures($1) x) as computed,
		   (select jsonb_object_agg(s.status, s.n) from (
		      select r.status, count(*) as n from public.support_requests r where r.charter_id = $1 group by r.status) s
		   ) as statuses`,
		[fx.charterId]
	);
	return row;
}

async function expectCurrent() {
	const { stored, computed, statuses } = await compare();
	expect(stored).not.toBeNull();
	expect(stored).toEqual(computed);
	const byStatus = ((stored as { requests: unknown[] }).requests[2] as { status: string; n: number }[]).filter(
		(s) => s.n > 0
	);
	expect(Object.fromEntries(byStatus.map((s) => [s.status, s.n]))).toEqual(statuses ?? {});
	return stored as { requests: unknown[]; referrals: { total: number; answered: number }[] };
}

describe('the pipeline figures kept per charter', () => {
	it('equal the figures of the rows after the fixture (and its back-dating with triggers off)', async () => {
		const stored = await expectCurrent();
		// 12 requests, 5 installed, the median of 90, 80, 70, 60, 50 days.
		expect(stored.requests.slice(0, 2)).toEqual([12, 6]);
		expect(stored.requests[5]).toBe(5);
		expect(stored.requests[6]).toBe(70);
	});

	it('follow requests received, moved, installed, changed and deleted', async () => {
		const id = await insertRequest(fx.charterId, { profession: 'maieutique', needs: ['logement'] });
		expect((await expectCurrent()).requests[0]).toBe(13);
		await sql(
			`update public.support_requests set status = 'in_progress', needs = '{locaux,emploi_conjoint}' where id = $1`,
			[id]
		);
		await expectCurrent();
		await sql(
			`update public.support_requests set status = 'installed', installed_on = $2, installed_commune_code = '84007',
			   installed_mode = 'liberal' where id = $1`,
			[id, shiftDays(fx.today, -1)]
		);
		expect((await expectCurrent()).requests[5]).toBe(6);
		await sql('delete from public.support_requests where id = $1', [id]);
		expect((await expectCurrent()).requests[5]).toBe(5);
	});

	it('follow referrals routed, answered and deleted with their request', async () => {
		const id = await insertRequest(fx.charterId, { status: 'in_progress' });
		await sql(
			`insert into public.referrals (request_id, charter_id, organization_id, need, status, due_on)
			 values ($1, $2, $3, 'logement', 'sent', $4), ($1, $2, $5, 'locaux', 'sent', $4)`,
			[id, fx.charterId, fx.organizations.p1, shiftDays(fx.today, 3), fx.organizations.p2]
		);
		const before = (await expectCurrent()).referrals;
		await sql(`update public.referrals set status = 'done', answered_at = now() where request_id = $1`, [id]);
		const after = (await expectCurrent()).referrals;
		const answered = (rs: { answered: number }[]) => rs.reduce((n, r) => n + r.answered, 0);
		expect(answered(after)).toBe(answered(before) + 2);
		await sql('delete from public.support_requests where id = $1', [id]);
		await expectCurrent();
	});

	it('count many requests written in one statement', async () => {
		await sql(
			`insert into public.support_requests (charter_id, requester_first_name, requester_email, profession, stage, needs, channel, status)
			 select $1, 'Lot', 'lot@example.com', 'medecine', 'interne', '{logement}', 'phone', 'new' from generate_series(1, 50)`,
			[fx.charterId]
		);
		expect((await expectCurrent()).requests[0]).toBe(62);
		await sql(`delete from public.support_requests where charter_id = $1 and requester_first_name = 'Lot'`, [
			fx.charterId
		]);
		expect((await expectCurrent()).requests[0]).toBe(12);
	});

	it('lose no request when two transactions write the same charter at the same time', async () => {
		const a = new pg.Client({ connectionString: testConfig.dbUrl });
		const b = new pg.Client({ connectionString: testConfig.dbUrl });
		await Promise.all([a.connect(), b.connect()]);
		const insert = `insert into public.support_requests (charter_id, requester_first_name, requester_email, profession, stage, channel)
		                values ($1, 'Concurrent', 'concurrent@example.com', 'medecine', 'interne', 'phone')`;
		try {
			await a.query('begin');
			await b.query('begin');
			await a.query(insert, [fx.charterId]);
			// b waits for a's lock on the charter's figures, then counts a's request too.
			const second = b.query(insert, [fx.charterId]);
			await new Promise((resolve) => setTimeout(resolve, 200));
			await a.query('commit');
			await second;
			await b.query('commit');
		} finally {
			await Promise.all([a.end(), b.end()]);
		}
		expect((await expectCurrent()).requests[0]).toBe(14);
		await sql(`delete from public.support_requests where charter_id = $1 and requester_first_name = 'Concurrent'`, [
			fx.charterId
		]);
		await expectCurrent();
	});
});
