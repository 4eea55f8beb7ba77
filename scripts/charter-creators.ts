/**
 * Grants or withdraws the right to create charters (public.charter_creators), as a platform administrator.
 *
 *   npm run admin:creators -- list
 *   npm run admin:creators -- grant personne@ars.sante.fr "ARS Nouvelle-Aquitaine, direction de l'offre de soins"
 *   npm run admin:creators -- revoke personne@ars.sante.fr
 *
 * It writes with the database owner's connection (no API role may write that table): the local stack's by
 * default, or `DB_URL='postgresql://postgres:<password>@db.<ref>.supabase.co:5432/postgres'` for a hosted
 * project. The person must already have an account (an accepted invitation, or one made in Supabase's dashboard).
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { stackConfig } from '../stack/config.ts';

export type CreatorsCommand =
	{ kind: 'list' } | { kind: 'grant'; email: string; note: string | null } | { kind: 'revoke'; email: string };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Reads the command line; throws an Error with the usage line when it makes no sense. */
export function parseCreatorsArgs(args: string[]): CreatorsCommand {
	const [verb, email, ...rest] = args;
	const usage = 'usage: npm run admin:creators -- list | grant <e-mail> [note] | revoke <e-mail>';
	if (verb === 'list' && !email) return { kind: 'list' };
	if ((verb === 'grant' || verb === 'revoke') && email && EMAIL.test(email)) {
		const address = email.trim().toLowerCase();
		if (verb === 'revoke') return rest.length ? fail(usage) : { kind: 'revoke', email: address };
		const note = rest.join(' ').trim();
		if (note.length > 500) throw new Error('The note is longer than 500 characters.');
		return { kind: 'grant', email: address, note: note || null };
	}
	return fail(usage);
}

function fail(message: string): never {
	throw new Error(message);
}

export async function runCreators(command: CreatorsCommand, dbUrl: string): Promise<string> {
	const client = new pg.Client({ connectionString: dbUrl });
	await client.connect();
	try {
		if (command.kind === 'list') {
			const { rows } = await client.query<{ email: string; note: string | null; granted_at: Date }>(
				`select u.email, c.note, c.granted_at from public.charter_creators c join auth.users u on u.id = c.user_id
				 order by u.email`
			);
			return rows.length
				? rows.map((r) => `${r.email}\t${r.granted_at.toISOString().slice(0, 10)}\t${r.note ?? ''}`).join('\n')
				: 'Nobody may create charters yet.';
		}
		const { rows } = await client.query<{ id: string }>('select id from auth.users where lower(email) = $1', [
			command.email
		]);
		if (!rows[0]) throw new Error(`No account has the address ${command.email}: invite the person first.`);
		if (command.kind === 'grant') {
			await client.query(
				`insert into public.charter_creators (user_id, note) values ($1, $2)
				 on conflict (user_id) do update set note = coalesce(excluded.note, public.charter_creators.note)`,
				[rows[0].id, command.note]
			);
			return `${command.email} may now create charters.`;
		}
		const removed = await client.query('delete from public.charter_creators where user_id = $1', [rows[0].id]);
		return removed.rowCount ? `${command.email} may no longer create charters.` : `${command.email} had no such right.`;
	} finally {
		await client.end();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	try {
		const command = parseCreatorsArgs(process.argv.slice(2));
		console.log(await runCreators(command, process.env.DB_URL || stackConfig().dbUrl));
	} catch (error) {
		console.error((error as Error).message);
		process.exit(1);
	}
}
