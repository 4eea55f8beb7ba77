/**
 * What a generated data set was made from, so that it is made again only when that changes: the migrations and
 * the demo seed (the schema and the data underneath), the generator (its SQL and code), the scale and the seed
 * of its hashes. Pure: the caller reads the files.
 */
import { createHash } from 'node:crypto';

export interface ScaleMarker {
	/** sha256 of the migrations and the demo seed, in name order. */
	schema: string;
	/** sha256 of the generator's SQL and code, in name order. */
	generator: string;
	scale: number;
	salt: string;
}

/** sha256 over named contents, in name order (a file renamed or moved changes it too). */
export function fingerprint(files: { name: string; content: string | Buffer }[]): string {
	const hash = createHash('sha256');
	for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
		hash.update(file.name).update('\0').update(file.content).update('\0');
	}
	return hash.digest('hex');
}

/** Whether a stored marker (any JSON, or nothing) says the data set is the one expected. */
export function markerMatches(stored: unknown, expected: ScaleMarker): boolean {
	if (!stored || typeof stored !== 'object') return false;
	const s = stored as Record<string, unknown>;
	return (
		s.schema === expected.schema &&
		s.generator === expected.generator &&
		s.scale === expected.scale &&
		s.salt === expected.salt
	);
}
