/**
 * `npm run worker`: the notification sender alone (outside the web server), e.g. as a second process or on
 * another machine. With PUBLIC_SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY and SMTP_URL set it uses them; otherwise
 * it uses the local stack of the current profile (which must be running: `npm run stack` or `npm start`).
 */
import { appEnv, stackConfig } from '../stack/config.ts';
import { startFromEnv } from '../src/lib/server/notifications/run.ts';

if (!process.env.PUBLIC_SUPABASE_URL || !process.env.SUPABASE_SERVICE_ROLE_KEY) {
	const config = stackConfig();
	for (const [key, value] of Object.entries(appEnv(config))) process.env[key] ??= value;
	process.env.SITE_URL ??= config.siteUrl;
	console.log(`Local stack (${config.profile}): ${config.apiUrl}, SMTP ${process.env.SMTP_URL}`);
}

const stop = await startFromEnv();
let stopping = false;
function shutdown(): void {
	if (stopping) return;
	stopping = true;
	void stop().finally(() => process.exit(0));
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
