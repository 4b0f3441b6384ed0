import {
  cancelledCard,
  confirmCard,
  connectCard,
  myDataCard,
  notInScopeCard,
  revokeConfirmCard,
  revokedCard,
  statusCard,
} from '../../../src/consent/consentCards';
import type { ConsentRecord } from '../../../src/consent/consentStore';
import { CONSENT_TERMS_VERSION } from '../../../src/consent/terms';
import type { CardSamples } from './cardSamples';

const user = '6b78c669-75c2-46c5-b7e7-c9afdf8587f5';
const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const active = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  tenantId: tenant,
  userAadObjectId: user,
  seq: 1,
  option: 'both',
  termsVersion: CONSENT_TERMS_VERSION,
  grantedAt: '2026-03-04T09:30:00.000Z',
  locale: 'fr',
  state: 'active',
  ...over,
});
const revoked = (over: Partial<ConsentRecord> = {}) => active({ state: 'revoked', revokedAt: '2026-04-01T08:00:00.000Z', revokedBy: user, ...over });

export const samples: CardSamples = {
  'consent/cards/connect.json': (lang) => [connectCard(lang, user), connectCard(lang, user, 'Renew')],
  'consent/cards/confirm.json': (lang) => [confirmCard(lang, 'both', user), confirmCard(lang, 'linkedin-only', user)],
  'consent/cards/status.json': (lang) => [
    statusCard(lang, user, undefined),
    statusCard(lang, user, active(), 'Recorded'),
    statusCard(lang, user, active({ option: 'linkedin-only', termsVersion: CONSENT_TERMS_VERSION - 1 })),
    statusCard(lang, user, revoked()),
    statusCard(lang, user, active({ state: 'withdrawn', revokedAt: '2026-04-01T08:00:00.000Z', revokedBy: 'scope:off' })),
  ],
  'consent/cards/revokeConfirm.json': (lang) => [revokeConfirmCard(lang, user, active())],
  'consent/cards/revoked.json': (lang) => [revokedCard(lang, user, revoked()), revokedCard(lang, user, revoked({ option: 'linkedin-only' }), 'Notice')],
  'consent/cards/notInScope.json': (lang) => [notInScopeCard(lang, 'off'), notInScopeCard(lang, 'notInGroup')],
  'consent/cards/cancelled.json': (lang) => [cancelledCard(lang, user)],
  'consent/cards/myData.json': (lang) => [
    myDataCard(lang, { tenantId: tenant, aadObjectId: user }, [], undefined),
    myDataCard(lang, { tenantId: tenant, aadObjectId: user }, [revoked({ revokedBy: 'admin:someone' }), active({ seq: 2, option: 'linkedin-only' })], {
      tenantId: tenant,
      userAadObjectId: user,
      userId: '29:abc',
      conversationId: 'a:1abc',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      botId: '28:bot',
      locale: 'fr',
      installed: false,
      updatedAt: '2026-04-02T00:00:00.000Z',
      uninstalledAt: '2026-04-02T00:00:00.000Z',
    }),
  ],
};
