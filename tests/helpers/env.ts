/**
 * What tests need to reach the local stack started by tests/setup/stack.ts: its config, supabase-js
 * clients, the dev mailbox and the database.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import pg from 'pg';
import { stackConfig } from '../../stack/config.ts';

/** The same profile as tests/setup/stack.ts: `STACK_PROFILE`, else `test`. */
export const testConfig = stackConfig({ ...process.env, STACK_PROFILE: process.env.STACK_PROFILE || 'test' });

type ClientOptions = SupabaseClientOptions<'public'>;

const serverSideAuth = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;

/** A client with the anon key, as the browser or the app's server hooks have it. */
export function anonClient(options: ClientOptions = {}): SupabaseClient {
	return createClient(testConfig.apiUrl, testConfig.anonKey, {
		...options,
		auth: { ...serverSideAuth, ...options.auth }
	});
}

/** A client with the service_role key (admin API, bypasses RLS). Never in the browser. */
export function serviceClient(): SupabaseClient {
	return createClient(testConfig.apiUrl, testConfig.serviceRoleKey, { auth: serverSideAuth });
}

/** A storage object for clients that must keep state between calls (the PKCE code verifier). */
export function memoryStorage() {
	const entries = new Map<string, string>();
	return {
		entries,
		getItem: (key: string) => entries.get(key) ?? null,
		setItem: (key: string, value: string) => void entries.set(key, value),
		removeItem: (key: string) => void entries.delete(key)
	};
}

/** A fresh address per test, so that tests never read each other's e-mails. */
export function uniqueEmail(label = 'user'): string {
	return `${label}.${randomUUID().slice(0, 8)}@example.com`;
}

/** Runs one query on the stack's database as the superuser. */
export async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(
	text: string,
	values: unknown[] = []
): Promise<R[]> {
	const client = new pg.Client({ connectionString: testConfig.dbUrl });
	await client.connect();
	try {
		return (await client.query<R>(text, values)).rows;
	} finally {
		await client.end();
	}
}

export interface MailSummary {
	ID: string;
	Subject: string;
	To: { Name: string; Address: string }[];
	Created: string;
}

export interface MailMessage extends MailSummary {
	Text: string;
	HTML: string;
	From: { Name: string; Address: string };
	/** Header names in lower case, as mailparser gives them. */
	Headers: Record<string, string>;
}

async function mailboxJson<T>(path: string): Promise<T> {
	const res = await fetch(`${testConfig.mailboxUrl}${path}`);
	if (!res.ok) throw new Error(`mailbox ${path}: HTTP ${res.status}`);
	return (await res.json()) as T;
}

export const mailbox = {
	/** Newest first, Mailpit's search syntax (`to:addr`, `subject:word`). */
	search: (query: string) =>
		mailboxJson<{ messages: MailSummary[] }>(`/api/v1/search?query=${encodeURIComponent(query)}`).then(
			(r) => r.messages
		),
	message: (id: string) => mailboxJson<MailMessage>(`/api/v1/message/${encodeURIComponent(id)}`),

	/** Polls until a message to `to` satisfies `predicate` (the newest one first), or fails after `timeoutMs`. */
	async waitForMail(
		to: string,
		predicate: (message: MailMessage) => boolean = () => true,
		timeoutMs = 5000
	): Promise<MailMessage> {
		const deadline = Date.now() + timeoutMs;
		const seen = new Map<string, MailMessage>();
		while (true) {
			for (const summary of await mailbox.search(`to:${to}`)) {
				const message = seen.get(summary.ID) ?? (await mailbox.message(summary.ID));
				seen.set(summary.ID, message);
				if (message.To.some((a) => a.Address === to.toLowerCase()) && predicate(message)) return message;
			}
			if (Date.now() > deadline) throw new Error(`no matching e-mail to ${to} within ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
};

/** Every http(s) URL of a text, in order. */
export function extractLinks(text: string): string[] {
	return [...text.matchAll(/https?:\/\/[^\s<>"')]+/g)].map((m) => m[0]);
}
