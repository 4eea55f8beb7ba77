/**
 * Accessibility sweep: as every kind of user (anon, coordinator, steering member, partner representatives,
 * elected official), every page reachable from the home page is scanned by axe (WCAG 2.1 A and AA). Pages of the
 * same route (the same page for another id) are scanned once per user.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from '../helpers.ts';
import { sweep } from '../page-sweep.ts';

// One user's sweep does not depend on another's: they share the workers (the longest file of the heavy suites).
test.describe.configure({ mode: 'parallel' });

const ROLES = [
	null,
	'coordination.hv@example.org',
	'copil.hv@example.org',
	'ars.na@example.org',
	'fac.limoges@example.org',
	'maire.hv@example.org'
];

async function axeSweep(page: Page): Promise<string[]> {
	return sweep(page, (path) => test.step(`axe ${path}`, async () => expectNoAxeViolations(page)));
}

for (const role of ROLES) {
	test(`every page passes axe as ${role ?? 'a visitor without an account'}`, async ({ page }) => {
		test.setTimeout(10 * 60_000);
		if (role) await signIn(page, role);
		const scanned = await axeSweep(page);
		console.log(`axe (${role ?? 'anon'}): ${scanned.length} pages: ${scanned.join(' ')}`);
		expect(scanned.length).toBeGreaterThan(role ? 3 : 2);
	});
}
