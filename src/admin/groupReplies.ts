import type { Turn } from '../bot/turn';
import type { GroupResolution } from './groupLookup';

/** The most candidates listed when a name matches several groups. */
const MAX_CANDIDATES = 10;

/** A clear answer when "<group>" designates no group or several. */
export function describeGroupResolution(turn: Turn, query: string, resolution: Exclude<GroupResolution, { kind: 'found' }>): string {
  if (resolution.kind === 'none') return turn.t('admin.group.none', { query });
  const lines = resolution.candidates.slice(0, MAX_CANDIDATES).map((g) => `- ${g.displayName} (${g.id})`);
  const more = resolution.candidates.length > MAX_CANDIDATES ? `\n${turn.t('admin.group.more', { count: resolution.candidates.length - MAX_CANDIDATES })}` : '';
  return `${turn.t('admin.group.ambiguous', { query, count: resolution.candidates.length })}\n\n${lines.join('\n')}${more}`;
}
