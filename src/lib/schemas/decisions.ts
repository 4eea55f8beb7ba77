/**
 * The forms of the decisions register and of a meeting's agenda (zod 4, validated on the server; the database
 * checks again: record_decision, prepare_decision, the tables' constraints).
 */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { choice, optionalDate, optionalText, optionalUuid, requiredText, uuid } from './fields.js';

export const DECISION_LINKS = ['none', 'existing', 'new'] as const;

/** Recording a decision: its text, owner and due date; optionally linked to an action or creating one. */
export const recordDecisionSchema = z
	.object({
		text: requiredText(2000),
		ownerOrganizationId: uuid(),
		dueOn: optionalDate(),
		link: choice(DECISION_LINKS).default('none'),
		actionId: optionalUuid(),
		objectiveId: optionalUuid(),
		actionTitle: optionalText(300)
	})
	.superRefine((d, ctx) => {
		if (d.link === 'existing' && !d.actionId) {
			ctx.addIssue({ code: 'custom', path: ['actionId'], message: m.decisions_error_action_required() });
		}
		if (d.link === 'new') {
			if (!d.objectiveId) {
				ctx.addIssue({ code: 'custom', path: ['objectiveId'], message: m.decisions_error_objective_required() });
			}
			if (d.actionTitle.length < 2) {
				ctx.addIssue({ code: 'custom', path: ['actionTitle'], message: m.decisions_error_action_title() });
			}
		}
	});
export type RecordDecision = z.infer<typeof recordDecisionSchema>;

/** A coordinator edits a decision: its text, owner, due date and linked action. */
export const editDecisionSchema = z.object({
	id: uuid(),
	text: requiredText(2000),
	ownerOrganizationId: uuid(),
	dueOn: optionalDate(),
	actionId: optionalUuid()
});

/** Marking a decision done (a sentence on what was done is required) or open again. */
export const decisionStatusSchema = z
	.object({
		id: uuid(),
		status: choice(['done', 'open'] as const),
		comment: optionalText(2000)
	})
	.superRefine((d, ctx) => {
		if (d.status === 'done' && !d.comment) {
			ctx.addIssue({ code: 'custom', path: ['comment'], message: m.decisions_error_comment_required() });
		}
	});

/** A coordinator drops a decision, saying why. */
export const dropDecisionSchema = z.object({
	id: uuid(),
	comment: requiredText(2000)
});

/** A free item added to an agenda. */
export const agendaItemSchema = z.object({
	title: requiredText(300),
	notes: optionalText(4000)
});

/** The notes of an agenda item. */
export const agendaNotesSchema = z.object({
	id: uuid(),
	notes: optionalText(4000)
});

/** An agenda item to remove. */
export const agendaItemIdSchema = z.object({ id: uuid() });
