/**
 * Vitest globalSetup: a fresh local stack for the test run, stopped afterwards.
 *
 * - `STACK_EXTERNAL=1`: a stack of the current profile is already running (`node stack/cli.ts start`);
 *   it is checked, not started nor stopped.
 * - otherwise the profile `STACK_PROFILE` (default `test`) is reset and started, so tests never touch
 *   the data of a development stack.
 */
import { stackConfig } from '../../stack/config.ts';
import { resetStack, startStack } from '../../stack/stack.ts';
import { loadCommunesIfEmpty } from '../../scripts/communes.ts';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
	const config = stackConfig({ ...process.env, STACK_PROFILE: process.env.STACK_PROFILE || 'test' });
	if (process.env.STACK_EXTERNAL === '1') {
		const res = await fetch(`${config.apiUrl}/auth/v1/health`).catch(() => null);
		if (!res?.ok) {
			throw new Error(
				`STACK_EXTERNAL=1 but no stack answers on ${config.apiUrl} (profile ${config.profile}): start it with ` +
					`STACK_PROFILE=${config.profile} node stack/cli.ts start`
			);
		}
		return undefined;
	}
	const verbose = process.env.STACK_VERBOSE === '1';
	await resetStack(config);
	const stack = await startStack(config, {
		beforeSeed: loadCommunesIfEmpty,
		log: (line) => {
			if (verbose || /error|fatal|panic/i.test(line)) console.log(`[stack] ${line}`);
		}
	});
	return () => stack.stop();
}
