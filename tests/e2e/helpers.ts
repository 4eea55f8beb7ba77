/**
 * Shared steps of the browser tests: signing in as a demo account, reading the dev mailbox, axe scans.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { stackConfig } from '../../stack/config.ts';
import { sql } from '../helpers/env.ts';

export const DEMO_PASSWORD = 'charte-demo-2026';
export const testStack = stackConfig({ ...process.env, STACK_PROFILE: process.env.STACK_PROFILE || 'test' });

/** Creates a confirmed account with the demo password (a person of a test's own world), returns its id. */
export async function createAccount(email: string, displayName: string): Promise<string> {
	const [{ id }] = await sql<{ id: string }>(
		`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
		   raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
		 values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1,
		   extensions.crypt($2, extensions.gen_salt('bf', 4)), now(), '{"provider":"email","providers":["email"]}',
		   jsonb_build_object('display_name', $3::text), now(), now(), '', '', '', '')
		 returning id`,
		[email, DEMO_PASSWORD, displayName]
	);
	return id;
}

/** Signs in with the password form, as a user would, and waits for the landing page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/connexion');
	const form = page.locator('form[action="?/motdepasse"]');
	await form.getByLabel('Adresse e-mail').fill(email);
	await form.getByLabel('Mot de passe').fill(password);
	await form.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page).not.toHaveURL(/\/connexion/);
}

interface MailSummary {
	ID: string;
	Subject: string;
	Created: string;
}

/** Waits for the newest e-mail to `to` received after `since` and returns its text. */
export async function waitForMail(
	to: string,
	since: Date,
	timeoutMs = 15_000
): Promise<{ subject: string; text: string; html: string }> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const res = await fetch(`${testStack.mailboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`);
		const list = (await res.json()) as { messages: MailSummary[] };
		const fresh = list.messages.find((m) => new Date(m.Created) >= since);
		if (fresh) {
			const full = (await (await fetch(`${testStack.mailboxUrl}/api/v1/message/${fresh.ID}`)).json()) as {
				Subject: string;
				Text: string;
				HTML: string;
			};
			return { subject: full.Subject, text: full.Text, html: full.HTML };
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`No e-mail to ${to} within ${timeoutMs} ms`);
}

/** The app's `/auth/confirm` link of an auth or invitation e-mail. */
export function confirmLinkOf(text: string): string {
	const link = text.match(/https?:\/\/\S+\/auth\/confirm\?\S+/)?.[0];
	if (!link) throw new Error(`no /auth/confirm link in:\n${text}`);
	return link;
}

/** The 6-digit code of an auth or invitation e-mail. */
export function codeOf(text: string): string {
	const code = text.match(/\b(\d{6})\b/)?.[1];
	if (!code) throw new Error(`no 6-digit code in:\n${text}`);
	return code;
}

/**
 * Opens an e-mail's link as the person does: the landing page, then its button (the token is spent only by
 * that POST, so that mail filters opening the link first do not spend it).
 */
export async function openEmailLink(page: Page, link: string): Promise<void> {
	await page.goto(link);
	await page.locator('main form[method="POST"] button[type="submit"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/auth/confirm'));
}

/** Fails on any WCAG 2.1 A/AA violation axe finds on the current page. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary, summary.join('\n')).toEqual([]);
}

/** Presses Tab until `target` has the focus (at most `max` times): what a keyboard user does. */
export async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`not reachable with Tab: ${target}`);
}
