import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 4173);
const baseURL = `http://127.0.0.1:${port}`;
const heavy = process.env.TEST_HEAVY === '1';

/** Playwright cannot download its browsers here: it drives the system Chromium (Debian's `chromium`). */
const chromium = {
	...devices['Desktop Chrome'],
	launchOptions: {
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--headless',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	}
};

/** Runs against the built app (`node scripts/serve.ts`) and the test stack started by `npm test`. */
export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: '.local/test-results/playwright',
	fullyParallel: false,
	workers: Number(process.env.E2E_WORKERS || 2),
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL,
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{ name: 'chromium', testIgnore: [/faults\.spec\.ts/, /heavy\//], use: chromium },
		// The accessibility sweep, the misuse of every form and a 60-second load of 200 users: long, so only with
		// TEST_HEAVY=1 (CI sets it). One after the other: the misuse test compares the whole database before and
		// after, so nothing else may write meanwhile, and the load test measures the server, so it runs alone.
		...(heavy
			? [
					{
						name: 'heavy',
						testMatch: /heavy\/accessibility-sweep\.spec\.ts/,
						dependencies: ['chromium'],
						use: chromium
					},
					{ name: 'heavy-misuse', testMatch: /heavy\/forms-misuse\.spec\.ts/, dependencies: ['heavy'], use: chromium },
					{ name: 'heavy-load', testMatch: /heavy\/load\.spec\.ts/, dependencies: ['heavy-misuse'], use: chromium }
				]
			: []),
		// Fault injection (a database restart) disturbs every other test: it runs alone, last.
		{ name: 'faults', testMatch: /faults\.spec\.ts/, dependencies: [heavy ? 'heavy-load' : 'chromium'], use: chromium }
	],
	webServer: {
		command: 'node scripts/serve.ts',
		url: `${baseURL}/connexion`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000,
		// The load test signs 200 people in from this one address: the per-address limit on anonymous posts
		// (sign-in forms) is lifted for the test server; the limit on failed sign-ins stays.
		// The notification sender runs in the server (e-mails of confirmed placements reach the mailbox), but not
		// the weekly digests and reminders, which would put unexpected e-mails in demo accounts' mailboxes mid-test.
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			RATE_LIMIT_ANON_POSTS: '100000',
			NOTIFICATION_JOBS: 'off',
			NOTIFICATION_POLL_MS: '250'
		},
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
