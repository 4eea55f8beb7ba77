/** The longest comment of a journal entry (also checked in SQL: action_updates.comment). */
export const ACTION_COMMENT_MAX = 4000;
