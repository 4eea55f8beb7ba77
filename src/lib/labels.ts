/**
 * Words for the enum values of the schema, in the user's language. One place, so that every page, export
 * and e-mail says "Réalisée" for `done`.
 */
import { m } from '#lib/paraglide/messages.js';
import type { Enums } from '#lib/database.types.js';

type Labels<T extends string> = Record<T, () => string>;

export const statusLabels: Labels<Enums<'action_status'>> = {
	planned: m.status_planned,
	in_progress: m.status_in_progress,
	done: m.status_done,
	blocked: m.status_blocked,
	abandoned: m.status_abandoned
};
export const healthLabels: Labels<Enums<'action_health'>> = {
	on_track: m.health_on_track,
	at_risk: m.health_at_risk,
	off_track: m.health_off_track
};
export type Weather = 'secure' | 'good' | 'watch' | 'compromised';
export const weatherLabels: Labels<Weather> = {
	secure: m.weather_secure,
	good: m.weather_good,
	watch: m.weather_watch,
	compromised: m.weather_compromised
};
export const roleLabels: Labels<Enums<'member_role'>> = {
	coordinator: m.role_coordinator,
	steering: m.role_steering,
	partner_rep: m.role_partner_rep,
	elected_official: m.role_elected_official
};
export const partnerRoleLabels: Labels<Enums<'charter_partner_role'>> = {
	signatory: m.partner_role_signatory,
	lead: m.partner_role_lead,
	funder: m.partner_role_funder,
	contributor: m.partner_role_contributor
};
export const actionPartnerRoleLabels: Labels<Enums<'action_partner_role'>> = {
	contributor: m.action_partner_role_contributor,
	funder: m.action_partner_role_funder
};
export const charterStatusLabels: Labels<Enums<'charter_status'>> = {
	draft: m.charter_status_draft,
	active: m.charter_status_active,
	closed: m.charter_status_closed
};
export const scopeLabels: Labels<Enums<'charter_scope'>> = {
	region: m.scope_region,
	departement: m.scope_departement,
	epci: m.scope_epci,
	commune: m.scope_commune,
	cpts: m.scope_cpts
};
export const recurrenceLabels: Labels<Enums<'action_recurrence'>> = {
	none: m.recurrence_none,
	yearly: m.recurrence_yearly
};
export const directionLabels: Labels<Enums<'indicator_direction'>> = {
	increase: m.direction_increase,
	decrease: m.direction_decrease
};
export const organizationKindLabels: Labels<Enums<'organization_kind'>> = {
	ars: m.org_kind_ars,
	prefecture: m.org_kind_prefecture,
	region: m.org_kind_region,
	departement: m.org_kind_departement,
	epci: m.org_kind_epci,
	commune: m.org_kind_commune,
	ordre: m.org_kind_ordre,
	cpam: m.org_kind_cpam,
	msa: m.org_kind_msa,
	urps: m.org_kind_urps,
	faculte: m.org_kind_faculte,
	france_travail: m.org_kind_france_travail,
	association_maires: m.org_kind_association_maires,
	cpts: m.org_kind_cpts,
	etablissement_sante: m.org_kind_etablissement_sante,
	agence: m.org_kind_agence,
	autre: m.org_kind_autre
};
export const internshipStatusLabels: Labels<Enums<'internship_status'>> = {
	planned: m.internship_status_planned,
	confirmed: m.internship_status_confirmed,
	arrived: m.internship_status_arrived,
	cancelled: m.internship_status_cancelled
};
export const levelLabels: Labels<Enums<'internship_level'>> = {
	externe: m.level_externe,
	interne: m.level_interne,
	docteur_junior: m.level_docteur_junior
};
export const professionLabels: Labels<Enums<'health_profession'>> = {
	medecine: m.profession_medecine,
	pharmacie: m.profession_pharmacie,
	odontologie: m.profession_odontologie,
	maieutique: m.profession_maieutique,
	kinesitherapie: m.profession_kinesitherapie,
	soins_infirmiers: m.profession_soins_infirmiers,
	autre: m.profession_autre
};
export const housingLabels: Labels<Enums<'housing_kind'>> = {
	co_living: m.housing_co_living,
	internat: m.housing_internat,
	logement_communal: m.housing_logement_communal,
	logement_hospitalier: m.housing_logement_hospitalier,
	logement_personnel: m.housing_logement_personnel,
	autre: m.housing_autre
};

export const notificationStatusLabels: Labels<Enums<'notification_status'>> = {
	pending: m.interns_notification_status_pending,
	sent: m.interns_notification_status_sent,
	failed: m.interns_notification_status_failed,
	cancelled: m.interns_notification_status_cancelled
};
export const notificationTopicLabels: Labels<Enums<'notification_topic'>> = {
	internship_events: m.interns_topic_internship_events,
	internship_reminder: m.interns_topic_internship_reminder,
	digest_official: m.interns_topic_digest_official,
	digest_steering: m.interns_topic_digest_steering,
	digest_partner: m.interns_topic_digest_partner,
	support_requests: m.support_topic_support_requests,
	support_referrals: m.support_topic_support_referrals,
	aid_commitments: m.support_topic_aid_commitments,
	meetings: m.meetings_topic_meetings,
	update_campaigns: m.meetings_topic_update_campaigns
};
export const notificationTopicHints: Labels<Enums<'notification_topic'>> = {
	internship_events: m.interns_topic_internship_events_hint,
	internship_reminder: m.interns_topic_internship_reminder_hint,
	digest_official: m.interns_topic_digest_official_hint,
	digest_steering: m.interns_topic_digest_steering_hint,
	digest_partner: m.interns_topic_digest_partner_hint,
	support_requests: m.support_topic_support_requests_hint,
	support_referrals: m.support_topic_support_referrals_hint,
	aid_commitments: m.support_topic_aid_commitments_hint,
	meetings: m.meetings_topic_meetings_hint,
	update_campaigns: m.meetings_topic_update_campaigns_hint
};
/** Kinds of e-mail of the outbox (notifications.kind). */
export const notificationKindLabels: Labels<string> = {
	internship_confirmed: m.interns_kind_internship_confirmed,
	internship_changed: m.interns_kind_internship_changed,
	internship_cancelled: m.interns_kind_internship_cancelled,
	internship_reminder: m.interns_kind_internship_reminder,
	digest_official: m.interns_kind_digest_official,
	digest_steering: m.interns_kind_digest_steering,
	digest_partner: m.interns_kind_digest_partner
};

/** The label of an enum value, or the value itself when unknown (never an empty cell). */
export function label<T extends string>(labels: Labels<T>, value: T | null | undefined, empty = '—'): string {
	if (value === null || value === undefined) return empty;
	return labels[value]?.() ?? value;
}

/** How a person's organization is tied to an action on "Mes actions" (public.my_actions().relations). */
export type ActionRelation = 'coordinator' | 'lead' | 'contributor' | 'funder';
export const actionRelationLabels: Labels<ActionRelation> = {
	coordinator: m.actions_relation_coordinator,
	lead: m.actions_relation_lead,
	contributor: m.actions_relation_contributor,
	funder: m.actions_relation_funder
};
export const actionRelationLabel = (value: string): string => label(actionRelationLabels, value as ActionRelation);

// Installation support (support_requests, referrals, journal) and computed indicators.
export const supportNeedLabels: Labels<Enums<'support_need'>> = {
	logement: m.support_need_logement,
	emploi_conjoint: m.support_need_emploi_conjoint,
	garde_enfants: m.support_need_garde_enfants,
	scolarite: m.support_need_scolarite,
	locaux: m.support_need_locaux,
	aides_financieres: m.support_need_aides_financieres,
	stage_msu: m.support_need_stage_msu,
	remplacement: m.support_need_remplacement,
	information: m.support_need_information
};
export const careerStageLabels: Labels<Enums<'career_stage'>> = {
	etudiant: m.support_stage_etudiant,
	interne: m.support_stage_interne,
	docteur_junior: m.support_stage_docteur_junior,
	remplacant: m.support_stage_remplacant,
	en_exercice: m.support_stage_en_exercice,
	autre: m.support_stage_autre
};
export const supportChannelLabels: Labels<Enums<'support_channel'>> = {
	public_form: m.support_channel_public_form,
	phone: m.support_channel_phone,
	email: m.support_channel_email,
	event: m.support_channel_event,
	partner: m.support_channel_partner
};
export const supportStatusLabels: Labels<Enums<'support_status'>> = {
	new: m.support_status_new,
	in_progress: m.support_status_in_progress,
	on_hold: m.support_status_on_hold,
	installed: m.support_status_installed,
	abandoned: m.support_status_abandoned
};
export const referralStatusLabels: Labels<Enums<'referral_status'>> = {
	sent: m.support_referral_sent,
	accepted: m.support_referral_accepted,
	done: m.support_referral_done,
	declined: m.support_referral_declined
};
export const practiceModeLabels: Labels<Enums<'practice_mode'>> = {
	liberal: m.support_mode_liberal,
	salarie: m.support_mode_salarie,
	mixte: m.support_mode_mixte
};
export const supportEventLabels: Labels<Enums<'support_event_kind'>> = {
	note: m.support_event_note,
	routed: m.support_event_routed,
	answer: m.support_event_answer,
	status: m.support_event_status,
	contact: m.support_event_contact
};
export const indicatorSourceLabels: Labels<Enums<'indicator_source'>> = {
	manual: m.support_indicator_source_manual,
	installations: m.support_indicator_source_installations,
	requests: m.support_indicator_source_requests,
	occurrence_participants: m.support_indicator_source_occurrence_participants,
	occurrence_professionals: m.support_indicator_source_occurrence_professionals,
	occurrence_interested: m.support_indicator_source_occurrence_interested
};

// Financial aids (issue 14, 20261123400100_aids_and_events.sql).
export const aidKindLabels: Labels<Enums<'aid_kind'>> = {
	installation: m.aids_kind_installation,
	maintien: m.aids_kind_maintien,
	etudes: m.aids_kind_etudes,
	autre: m.aids_kind_autre
};
export const aidGrantStatusLabels: Labels<Enums<'aid_grant_status'>> = {
	granted: m.aids_status_granted,
	paid: m.aids_status_paid,
	in_commitment: m.aids_status_in_commitment,
	fulfilled: m.aids_status_fulfilled,
	broken: m.aids_status_broken,
	refunded: m.aids_status_refunded
};

// The COPIL cycle (issue 15, 20261123500000_copil_cycle.sql).
export const meetingKindLabels: Labels<Enums<'meeting_kind'>> = {
	copil: m.meeting_kind_copil,
	comite_technique: m.meeting_kind_comite_technique,
	autre: m.meeting_kind_autre
};
export const meetingStatusLabels: Labels<Enums<'meeting_status'>> = {
	planned: m.meeting_status_planned,
	held: m.meeting_status_held,
	cancelled: m.meeting_status_cancelled
};
export const presenceLabels: Labels<Enums<'attendee_presence'>> = {
	invited: m.meeting_presence_invited,
	present: m.meeting_presence_present,
	excused: m.meeting_presence_excused,
	absent: m.meeting_presence_absent
};
export const meetingItemKindLabels: Labels<Enums<'meeting_item_kind'>> = {
	decision_review: m.meeting_item_decision_review,
	alert: m.meeting_item_alert,
	indicator: m.meeting_item_indicator,
	arbitration: m.meeting_item_arbitration,
	other: m.meeting_item_other
};
export const decisionStatusLabels: Labels<Enums<'decision_status'>> = {
	open: m.decision_status_open,
	done: m.decision_status_done,
	dropped: m.decision_status_dropped
};
export const updateKindLabels: Labels<Enums<'update_kind'>> = {
	fait_marquant: m.update_kind_fait_marquant,
	frein: m.update_kind_frein,
	arbitrage: m.update_kind_arbitrage
};
export const documentKindLabels: Labels<Enums<'document_kind'>> = {
	charte_signee: m.document_kind_charte_signee,
	avenant: m.document_kind_avenant,
	compte_rendu: m.document_kind_compte_rendu,
	rapport_copil: m.document_kind_rapport_copil,
	piece_justificative: m.document_kind_piece_justificative,
	archive: m.document_kind_archive,
	autre: m.document_kind_autre
};
export const licenceLabels: Labels<Enums<'open_data_licence'>> = {
	'etalab-2.0': m.licence_etalab_2_0,
	'odbl-1.0': m.licence_odbl_1_0,
	'cc-by-4.0': m.licence_cc_by_4_0
};
