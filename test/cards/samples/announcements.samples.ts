import { announcementCard, previewCard, progressCard } from '../../../src/announcements/announcementCards';
import type { AnnouncementJob } from '../../../src/announcements/announcementStore';
import type { CardSamples } from './cardSamples';

const job = (over: Partial<AnnouncementJob>): AnnouncementJob => ({
  id: 'job-1',
  tenantId: 't',
  createdBy: 'a',
  createdAt: '2026-01-01T00:00:00.000Z',
  target: { kind: 'all' },
  state: 'sending',
  total: 200,
  sent: 120,
  failed: 1,
  unreachable: 3,
  etag: '',
  ...over,
});

export const samples: CardSamples = {
  'announcements/cards/announcement.json': (lang) => [announcementCard(lang)],
  'announcements/cards/preview.json': (lang) => [
    previewCard(lang, { kind: 'all' }, 1200, 30),
    previewCard(lang, { kind: 'group', groupId: 'c0c0c0c0-0000-4000-8000-000000000001', groupName: 'Sales' }, 3, 30),
  ],
  'announcements/cards/progress.json': (lang) => [
    progressCard(job({ state: 'preparing', sent: 0, failed: 0, unreachable: 0 }), lang),
    progressCard(job({}), lang),
    progressCard(job({ state: 'done', sent: 196, failed: 1, unreachable: 3 }), lang),
    progressCard(job({ state: 'cancelled', target: { kind: 'group', groupId: 'g', groupName: 'Pilot' } }), lang),
  ],
};
