/**
 * What a refused database call means for the user. The schema raises French messages with a PostgREST
 * status (SQLSTATE PT4xx) for the rules it enforces; the table below gives each its words in the visitor's
 * language (a message not in it stays French). RLS refusals (42501) and constraint violations get a plain
 * sentence here. Never a 500 for something the user can fix.
 */
import { m } from '#lib/paraglide/messages.js';

export interface DbError {
	code?: string;
	message?: string;
	details?: string | null;
	hint?: string | null;
}

/** The HTTP statuses a form answers with when the database refuses. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;
const KNOWN: ErrorStatus[] = [400, 401, 403, 404, 409, 413, 422, 429, 503];

export function dbErrorStatus(error: DbError): ErrorStatus {
	const code = error.code ?? '';
	if (/^PT[45]\d\d$/.test(code)) {
		const status = Number(code.slice(2)) as ErrorStatus;
		return KNOWN.includes(status) ? status : 400;
	}
	if (code === '42501') return 403;
	if (code === '23505' || code === '23503' || code === '40001') return 409;
	if (code === '23514' || code === '23502' || code.startsWith('22')) return 400;
	return 503;
}

type Say = (...found: string[]) => string;

/** The schema's PT4xx messages (supabase/migrations), as the functions raise them, and their paraglide message. */
const SQL_MESSAGES: [string | RegExp, Say][] = [
	['La durée de conservation doit être comprise entre 1 et 120 mois.', () => m.db_retention_months()],
	[
		"Seule la coordination de la charte peut effacer les données personnelles d'un stage.",
		() => m.db_erase_coordinators_only()
	],
	['Les données de ce ou cette stagiaire sont déjà effacées.', () => m.db_erase_already_done()],
	['Message introuvable.', () => m.db_message_not_found()],
	["Ce message est déjà en attente d'envoi.", () => m.db_message_pending()],
	[
		'Ce message contenait des données personnelles effacées depuis : il ne peut pas être renvoyé.',
		() => m.db_message_erased()
	],
	[
		'Le destinataire a désactivé ce type de message : il ne peut pas lui être renvoyé.',
		() => m.db_message_unsubscribed()
	],
	["Ce message vient déjà d'être renvoyé.", () => m.db_message_just_resent()],
	[
		"Une autre personne d'une de vos chartes porte déjà ce nom : ajoutez par exemple votre initiale ou votre fonction.",
		() => m.db_display_name_taken()
	],
	['Action introuvable.', () => m.db_action_not_found()],
	['Le journal des actions ne peut être ni modifié ni supprimé.', () => m.db_journal_read_only()],
	[
		'Cette action a un historique : archivez-la plutôt que de la supprimer, son journal sera conservé.',
		() => m.db_action_has_history()
	],
	['Connectez-vous pour mettre à jour une action.', () => m.db_sign_in_to_update()],
	['Statut, avancement, santé et version sont obligatoires.', () => m.db_update_fields_required()],
	["L'avancement doit être compris entre 0 et 100 %.", () => m.db_progress_range()],
	['Une action réalisée est avancée à 100 %.', () => m.db_done_is_complete()],
	['Le commentaire ne doit pas dépasser 4 000 caractères.', () => m.db_comment_too_long()],
	[
		'Vous ne pouvez mettre à jour que les actions que votre organisation pilote ou auxquelles elle contribue.',
		() => m.db_update_own_actions()
	],
	["Cette action a été mise à jour entre-temps par quelqu'un d'autre.", () => m.db_update_conflict()],
	[
		'Un partenaire ne modifie que les montants des financements de son organisation.',
		() => m.db_funding_amounts_only()
	],
	['Connectez-vous pour accepter une invitation.', () => m.db_sign_in_to_accept()],
	[
		"Confirmez d'abord votre adresse e-mail avec le lien ou le code qui vous a été envoyé.",
		() => m.db_confirm_email_first()
	],
	["L'adresse e-mail se modifie depuis les paramètres de votre compte.", () => m.db_email_from_account()],
	['Sens de déplacement inconnu.', () => m.db_unknown_direction()],
	['Seule la coordination de la charte réordonne les objectifs.', () => m.db_reorder_objectives()],
	['Seule la coordination de la charte réordonne les actions.', () => m.db_reorder_actions()],
	['Seule la coordination de la charte archive un objectif.', () => m.db_archive_objective()],
	["L'objectif de cette action est archivé : restaurez d'abord l'objectif.", () => m.db_objective_archived()],
	["Seule la coordination de la charte modifie les partenaires d'une action.", () => m.db_action_partners()],
	[/^Commune inconnue \(code INSEE ([0-9AB]+)\)\.$/, (code) => m.db_unknown_commune({ code })],
	['Connectez-vous pour importer un plan.', () => m.db_sign_in_to_import()],
	['Seule la coordination de la charte peut importer son plan.', () => m.db_import_coordinators_only()],
	['Le contenu à importer est vide ou illisible.', () => m.db_import_empty()],
	// Aids and editions (20261123400100_aids_and_events.sql; the guard of 20261122100400_indicators_and_fundings.sql).
	[
		'Cet indicateur est calculé à partir des demandes ou des éditions : ses valeurs ne se saisissent pas.',
		() => m.aids_error_computed()
	],
	[/^Le montant dépasse le plafond du dispositif/, () => m.aids_error_ceiling()],
	["Ce dispositif d'aide n'appartient pas à cette charte.", () => m.aids_error_scheme_unknown()],
	// Documents and the charter's life (20261123600000_documents.sql, …600100_charter_life.sql, …600200).
	["Le fichier d'un document ne change pas : déposez-en un nouveau.", () => m.db_doc_file_fixed()],
	["Le fichier de ce document n'a pas été déposé.", () => m.db_doc_not_uploaded()],
	["Le numéro d'un avenant et le plan d'avant ne changent pas.", () => m.db_amendment_number_fixed()],
	['Seule la coordination de la charte enregistre un avenant signé.', () => m.db_amendment_coordinators()],
	["Indiquez la date de signature de l'avenant.", () => m.db_amendment_date_required()],
	["Cette date de signature n'est pas plausible.", () => m.db_signature_implausible()],
	['La date de signature ne peut pas être dans le futur.', () => m.db_signature_future()],
	["La date de signature d'une organisation est invalide.", () => m.db_signature_invalid()],
	['La liste des organisations signataires est mal formée.', () => m.db_signatories_malformed()],
	['Choisissez chaque organisation signataire dans la liste.', () => m.db_signatory_choose()],
	["Cette organisation n'existe pas dans l'annuaire.", () => m.db_organization_unknown()],
	["L'année doit être comprise entre 2000 et 2100.", () => m.db_year_range()],
	[
		/^L'avenant n° (\d+) est signé : il ne change plus\. Ouvrez un nouvel avenant\.$/,
		(number) => m.db_amendment_signed_fixed({ number })
	],
	[
		/^L'avenant n° (\d+) est déjà signé \(le ([0-9/]+)\)\.$/,
		(number, date) => m.db_amendment_already_signed({ number, date })
	],
	[/^La date de signature de (.+) ne peut pas être dans le futur\.$/, (name) => m.db_signature_future_of({ name })],
	[/^(.+) est déjà signataire de la charte\.$/, (name) => m.db_already_signatory({ name })]
];

/** A message of the schema in the visitor's language; an unknown one as the database wrote it. */
export function translateDbMessage(text: string): string {
	for (const [french, say] of SQL_MESSAGES) {
		if (typeof french === 'string') {
			if (french === text) return say();
			continue;
		}
		const found = french.exec(text);
		if (found) return say(...found.slice(1));
	}
	return text;
}

export function dbErrorMessage(error: DbError, fallback: string = m.admin_error_unavailable()): string {
	const code = error.code ?? '';
	if (/^PT4\d\d$/.test(code) && error.message) return translateDbMessage(error.message);
	switch (code) {
		case '42501':
			return m.admin_error_forbidden();
		case '23505':
			return m.admin_error_duplicate();
		case '23503':
			return m.admin_error_in_use();
		case '23514':
		case '23502':
			return m.admin_error_rejected();
	}
	if (code.startsWith('22')) return m.admin_error_rejected();
	return fallback;
}
