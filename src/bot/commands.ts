import type { Lang } from '../i18n/lang';

/**
 * The command grammar of the product. A message is a command only when it is the whole command
 * (case, accents, surrounding spaces and a trailing "!" or "." aside), followed only by the
 * argument of the commands that take one. Everything else is a question.
 */
export type CommandName =
  | 'help'
  | 'connect'
  | 'status'
  | 'revoke'
  | 'myData'
  | 'adminStatus'
  | 'adminEnableAll'
  | 'adminEnableGroup'
  | 'adminDisable'
  | 'adminAnnounceAll'
  | 'adminAnnounceGroup'
  | 'adminAnnounceCancel'
  | 'adminAudit';

export interface ParsedCommand {
  name: CommandName;
  /** The argument, as typed (trimmed), for commands that take one. */
  arg?: string;
  /** Set when the words themselves tell the language ("aide" is French; "help" is everyone's). */
  lang?: Lang;
}

const END = String.raw`\s*[.!]?\s*$`;
const whole = (words: string) => new RegExp(String.raw`^\s*(?:${words})${END}`, 'i');
const withArg = (words: string) => new RegExp(String.raw`^\s*(?:${words})\s+(.+?)${END}`, 'i');

/** Order matters only where one pattern could shadow another (none do: each is anchored). */
const GRAMMAR: ReadonlyArray<{ name: CommandName; pattern: RegExp }> = [
  { name: 'help', pattern: whole('help|aide') },
  { name: 'connect', pattern: whole('connect|connecter') },
  { name: 'status', pattern: whole('status|statut') },
  { name: 'revoke', pattern: whole(String.raw`revoke|r[eé]voquer|disconnect|d[eé]connecter`) },
  { name: 'myData', pattern: whole(String.raw`my\s+data|mes\s+donn[eé]es`) },
  { name: 'adminStatus', pattern: whole(String.raw`admin\s+status`) },
  { name: 'adminEnableAll', pattern: whole(String.raw`admin\s+enable\s+all`) },
  { name: 'adminEnableGroup', pattern: withArg(String.raw`admin\s+enable\s+group`) },
  { name: 'adminDisable', pattern: whole(String.raw`admin\s+disable`) },
  { name: 'adminAnnounceAll', pattern: whole(String.raw`admin\s+announce\s+all`) },
  { name: 'adminAnnounceCancel', pattern: whole(String.raw`admin\s+announce\s+cancel`) },
  { name: 'adminAnnounceGroup', pattern: withArg(String.raw`admin\s+announce\s+group`) },
  { name: 'adminAudit', pattern: whole(String.raw`admin\s+audit`) },
];

/** French aliases: typing one is a French question. The English words are also the canonical ones
 * that buttons send, so they say nothing about the language. */
const FRENCH_ALIAS = new RegExp(String.raw`^\s*(?:aide|connecter|statut|r[eé]voquer|d[eé]connecter|mes\s+donn[eé]es)${END}`, 'i');

/** Admin commands, whose sender must be an admin. */
export const ADMIN_COMMANDS: ReadonlySet<CommandName> = new Set(GRAMMAR.map((g) => g.name).filter((n) => n.startsWith('admin')));

export function parseCommand(text: string | undefined): ParsedCommand | undefined {
  if (!text) return undefined;
  // Composed form, so "é" typed as e + combining accent matches [eé]; no-break spaces count as spaces.
  const normalized = text.normalize('NFC').replace(/[\u00a0\u202f]/g, ' ');
  for (const { name, pattern } of GRAMMAR) {
    const m = pattern.exec(normalized);
    if (m) {
      const parsed: ParsedCommand = m[1] !== undefined ? { name, arg: m[1].trim() } : { name };
      if (FRENCH_ALIAS.test(normalized)) parsed.lang = 'fr';
      return parsed;
    }
  }
  return undefined;
}
