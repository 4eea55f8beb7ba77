/**
 * `npm run seed:scale`: the national-scale data set on the local stack, for the benchmark (`npm run bench`);
 * what it holds: scripts/scale/seed.ts and bench/README.md. Deterministic (`SCALE_SEED`), set-based SQL
 * (scripts/scale/sql/) in one transaction: minutes, not hours.
 *
 * It uses its own stack profile (`bench`, data in .local/bench; `STACK_PROFILE` and `STACK_PORT_BASE` change
 * it) so the development data stays as it is: the profile is reset, migrated, seeded with the demo data, then
 * filled. `SCALE=0.1` makes everything ten times smaller (for a quick try); `SCALE_CHECK=1` then checks every
 * foreign key and the triggers' invariants (scripts/scale/check.sql).
 */
import { DEMO_PASSWORD } from '../demo-accounts.ts';
import { DEFAULT_SALT, seedScale } from './seed.ts';

const started = Date.now();
try {
	await seedScale({
		scale: Number(process.env.SCALE || 1),
		profile: process.env.STACK_PROFILE || 'bench',
		salt: process.env.SCALE_SEED || DEFAULT_SALT,
		check: process.env.SCALE_CHECK === '1'
	});
} catch (error) {
	// One line, as `npm start` says it (e.g. as root in a folder the postgres user cannot reach).
	console.error(`The national-scale data set could not be made: ${(error as Error).message}`);
	process.exit(1);
}
console.log(
	`Every generated account's password is ${DEMO_PASSWORD} (u1@echelle.example.org ..., grande-coord@echelle.example.org).`
);
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Run \`npm run bench\` next.`);
