/**
 * The formats of the identifiers that come from URLs, forms and spreadsheets, one definition each. The codes
 * are the ones the database checks (supabase/migrations/20261122100100_reference_and_organizations.sql), so a
 * value that passes here is not refused there for its form. No import: Node runs this file as it is (the
 * notification worker), and browsers get it too.
 */

/** A UUID of any version, in either case (Postgres writes them in lower case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string | null | undefined): value is string => !!value && UUID.test(value);

/** An INSEE commune code: five characters, the second one A or B in Corsica (87085, 2A004). Upper case. */
export const COMMUNE_CODE = /^[0-9][0-9AB][0-9]{3}$/;

export const isCommuneCode = (value: string | null | undefined): value is string => !!value && COMMUNE_CODE.test(value);

/** The start of a commune code being typed in a search box, from two characters on ("87", "2A0"). */
export const COMMUNE_CODE_START = /^[0-9][0-9AB][0-9]{0,3}$/;

/** The territory of a charter or an organization: an INSEE code (région, département, commune) or a SIREN (EPCI). */
export const TERRITORY_CODE = /^([0-9][0-9AB][0-9]{0,3}|97[1-6]|[0-9]{9})$/;

/** The code of an objective in its plan ("2", "2.1"), up to four levels. */
export const OBJECTIVE_CODE = /^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$/;

/** The code of an action ("2.1.3"), one level deeper than objectives. */
export const ACTION_CODE = /^[0-9]{1,3}(\.[0-9]{1,3}){0,4}$/;

/** Objective and action codes in plan order: 1.2 before 1.10 (numbers compared as numbers). */
export const compareCodes = (a: string, b: string): number => a.localeCompare(b, 'fr', { numeric: true });

/** A support request's reference: its year and its number in that year for the charter (2026-0042). */
export const REQUEST_REFERENCE = /^[0-9]{4}-[0-9]{4,6}$/;

export const isRequestReference = (value: string | null | undefined): value is string =>
	!!value && REQUEST_REFERENCE.test(value);
