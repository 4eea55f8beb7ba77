import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn, testStack } from './helpers.ts';

// Runs in its own Playwright project, after every other browser test: it stops the shared database.
test('the app survives a restart of Postgres: requests fail cleanly, then recover without restarting the app', async ({
	page
}) => {
	await signIn(page, 'coordination.normandie@example.org');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

	const pidFile = path.join(testStack.pgDataDir, 'postmaster.pid');
	const readPid = () => Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
	const before = readPid();
	// A fast shutdown, as `pg_ctl restart -m fast` does: connections are cut, the stack's supervisor starts it again.
	process.kill(before, 'SIGINT');

	const seen = new Set<number>();
	let recovered = false;
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		const response = await page.request.get('/chartes', { timeout: 10_000 });
		seen.add(response.status());
		// Never a crash: either the page, or a clean "temporarily unavailable".
		expect([200, 503]).toContain(response.status());
		let restarted = false;
		try {
			restarted = readPid() !== before;
		} catch {
			// the pid file is rewritten during the restart
		}
		if (response.status() === 200 && restarted) {
			recovered = true;
			break;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	expect(recovered, `statuses seen: ${[...seen].join(', ')}`).toBe(true);

	// Same browser session, same app process: signed in and working.
	await page.goto('/chartes');
	await expect(page.getByText('Session : Élise Lambert')).toBeVisible();
	await page.goto('/chartes/normandie-metiers-sante');
	await expect(page.getByRole('heading', { level: 1, name: /Normandie/ })).toBeVisible();
});
