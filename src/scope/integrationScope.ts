import { z } from 'zod';

/** Who may connect their accounts in a tenant: everyone, the members of one Entra group, or nobody. */
export type IntegrationScope = { mode: 'all' } | { mode: 'group'; groupId: string; groupName: string } | { mode: 'off' };

export const integrationScopeSchema: z.ZodType<IntegrationScope> = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('all') }),
  z.object({ mode: z.literal('group'), groupId: z.string().min(1), groupName: z.string() }),
  z.object({ mode: z.literal('off') }),
]);

/** The scope as stored, with who set it and when. */
export interface ScopeSetting {
  scope: IntegrationScope;
  /** `admin:<object id>` for an admin command, or what else set it. */
  setBy: string;
  setAt: string;
}
