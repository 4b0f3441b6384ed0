/**
 * Every verb a card can send, in one place. Templates refer to these values; a test checks that
 * each verb used by a template has a handler and each handler a template.
 */
export const VERBS = {
  /** Action.Submit from help/welcome buttons: runs a user command as if typed. */
  runCommand: 'runCommand',
  /** Action.Submit from FAQ cards (related questions, suggestions): answers one entry. */
  faqAnswer: 'faqAnswer',
  /** Action.Execute "Was this helpful?" on an FAQ answer: counts the vote, thanks in place. */
  faqFeedback: 'faqFeedback',
  /** Action.Execute on the announcement preview: start delivery. */
  announcementSend: 'announcementSend',
  /** Action.Execute on the announcement preview: drop it, nothing is sent. */
  announcementDiscard: 'announcementDiscard',
  /** Action.Submit on an announcement: invites the user to type a question. */
  announcementAsk: 'announcementAsk',
  /** Action.Execute on an admin scope confirmation: apply it (the sender must be an admin). */
  adminScopeConfirm: 'adminScopeConfirm',
  /** Action.Execute on an admin scope confirmation: change nothing. */
  adminScopeCancel: 'adminScopeCancel',
  /** Consent journey (Action.Execute: each step replaces the card in place). */
  consentStart: 'consentStart',
  consentChoose: 'consentChoose',
  consentConfirm: 'consentConfirm',
  consentCancel: 'consentCancel',
  consentRevoke: 'consentRevoke',
  consentRevokeConfirm: 'consentRevokeConfirm',
  consentRevokeCancel: 'consentRevokeCancel',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
