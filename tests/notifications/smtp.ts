/**
 * A real SMTP server on loopback for the sender's fault tests (smtp-server, the library of the stack's sink):
 * it records every message it accepts, can be slowed down, and can refuse messages. Like a mail store that
 * drops duplicates (Mailpit with --ignore-duplicate-ids, Gmail), `mailbox` shows each Message-ID once, while
 * `deliveries` keeps every SMTP transaction it accepted.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Delivery {
	messageId: string;
	to: string;
	subject: string;
	text: string;
	headers: Map<string, unknown>;
}

export interface TestSmtp {
	url: string;
	deliveries: Delivery[];
	/** Distinct Message-IDs, first delivery of each. */
	mailbox(): Delivery[];
	/** When set, RCPT TO is answered with this reply (code and text), e.g. 451 … */
	refuse: { code: number; message: string } | null;
	/** Milliseconds before a message is accepted. */
	delayMs: number;
	close(): Promise<void>;
}

export async function startSmtp(options: { delayMs?: number } = {}): Promise<TestSmtp> {
	const state: TestSmtp = {
		url: '',
		deliveries: [],
		refuse: null,
		delayMs: options.delayMs ?? 0,
		mailbox() {
			const seen = new Map<string, Delivery>();
			for (const d of state.deliveries) if (!seen.has(d.messageId)) seen.set(d.messageId, d);
			return [...seen.values()];
		},
		close: async () => {}
	};
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (state.refuse) {
				const error = new Error(state.refuse.message) as Error & { responseCode: number };
				error.responseCode = state.refuse.code;
				return callback(error);
			}
			callback();
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then(async (parsed) => {
					if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
					state.deliveries.push({
						messageId: parsed.messageId ?? '',
						to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(','),
						subject: parsed.subject ?? '',
						text: parsed.text ?? '',
						headers: parsed.headers
					});
					callback();
				})
				.catch((error: Error) => callback(error));
		}
	});
	// A worker killed in the middle of a message (the crash test) resets its connection: smtp-server reports it as
	// an 'error' event, which would otherwise be an uncaught exception of the test run.
	server.on('error', () => {});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.server.address() as AddressInfo;
	state.url = `smtp://127.0.0.1:${port}`;
	state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return state;
}

/** Polls `check` until it returns true, or fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}
