import { adminStatusCard, auditCard, noticeCard, scopeConfirmCard } from '../../../src/admin/adminCards';
import { translator } from '../../../src/i18n/i18n';
import { emptyCounts } from '../../../src/consent/consentStore';
import type { CardSamples } from './cardSamples';

const counts = () => {
  const c = emptyCounts();
  c.both.active = 12;
  c['linkedin-only'].withdrawn = 3;
  return c;
};
const setting = { scope: { mode: 'group' as const, groupId: 'c0c0c0c0-0000-4000-8000-000000000001', groupName: 'Sales' }, setBy: 'admin:ad000000-0000-4000-8000-00000000000a', setAt: '2026-01-01T10:00:00.000Z' };

export const samples: CardSamples = {
  'admin/cards/status.json': (lang) => [
    adminStatusCard(lang, { setting: { scope: { mode: 'all' }, setBy: 'default', setAt: '' }, consents: emptyCounts() }),
    adminStatusCard(
      lang,
      {
        setting,
        consents: counts(),
        lastAnnouncement: { id: 'j', tenantId: 't', createdBy: 'a', createdAt: '2026-01-02T10:00:00.000Z', target: { kind: 'all' }, state: 'done', total: 10, sent: 8, failed: 1, unreachable: 1, etag: '' },
      },
      'Done.',
    ),
  ],
  'admin/cards/confirm.json': (lang) => [
    scopeConfirmCard(lang, { current: setting, target: { mode: 'off' }, activeConsents: 132, toWithdraw: 132 }),
    scopeConfirmCard(lang, { current: setting, target: { mode: 'all' }, activeConsents: 5, toWithdraw: 0 }),
    scopeConfirmCard(lang, { current: setting, target: { mode: 'group', groupId: 'g', groupName: 'Pilot' }, activeConsents: 5, toWithdraw: 2 }),
  ],
  'admin/cards/notice.json': (lang) => [noticeCard(translator(lang)('admin.status.title'), translator(lang)('admin.confirm.cancelled'))],
  'admin/cards/audit.json': (lang) => [
    auditCard(lang, []),
    auditCard(lang, [
      { tenantId: 't', actor: 'ad000000-0000-4000-8000-00000000000a', action: 'scope.changed', before: 'all', after: 'off', detail: 'withdrawn=2', at: '2026-01-01T10:00:00.000Z' },
      { tenantId: 't', actor: 'system', action: 'announcement.finished', at: '2026-01-01T09:00:00.000Z' },
    ]),
  ],
};
