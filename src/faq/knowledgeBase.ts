import { z } from 'zod';
import { LANGS, type Lang } from '../i18n/lang';
import topicsFile from './knowledge/topics.json';
import enFile from './knowledge/en.json';
import frFile from './knowledge/fr.json';

/** A "learn more" link shown under an answer. */
export interface FaqLink {
  title: string;
  url: string;
}

/** What one FAQ entry says in one language. */
export interface FaqContent {
  /** Canonical question, used as the entry's title and on suggestion buttons. */
  question: string;
  /** One-sentence answer shown first. */
  short: string;
  /** Paragraphs or bullets that follow the short answer. */
  details: string[];
  links: FaqLink[];
  /** Other ways people ask this question; indexed for matching. */
  phrasings: string[];
  /** Topic words of the entry; indexed for matching and used to tell on-topic from off-topic questions. */
  keywords: string[];
}

export interface FaqEntry {
  id: string;
  /** Ids of the entries offered as follow-up questions. */
  related: string[];
  en: FaqContent;
  fr: FaqContent;
}

export interface KnowledgeBase {
  entries: readonly FaqEntry[];
  byId: ReadonlyMap<string, FaqEntry>;
}

/** One data file as read, with the name used in error messages. */
export interface KnowledgeFile {
  file: string;
  data: unknown;
}

export interface KnowledgeFiles {
  topics: KnowledgeFile;
  languages: Record<Lang, KnowledgeFile>;
}

const nonEmpty = z.string().trim().min(1);
const entryId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase words joined by hyphens');

const topicsSchema = z
  .object({
    topics: z.array(z.object({ id: entryId, related: z.array(entryId) }).strict()).min(1),
  })
  .strict();

const contentSchema = z
  .object({
    id: entryId,
    question: nonEmpty,
    short: nonEmpty,
    details: z.array(nonEmpty).min(1),
    links: z.array(z.object({ title: nonEmpty, url: z.string().url().startsWith('https://') }).strict()),
    phrasings: z.array(nonEmpty).min(3, 'each entry needs at least 3 phrasings'),
    keywords: z.array(nonEmpty).min(1),
  })
  .strict();

const languageFileSchema = z.object({ lang: z.enum(LANGS), entries: z.array(contentSchema).min(1) }).strict();

export class KnowledgeBaseError extends Error {
  constructor(message: string) {
    super(`Invalid FAQ knowledge base: ${message}`);
    this.name = 'KnowledgeBaseError';
  }
}

/** Names the entry a zod issue is about, when the path goes through an array of entries. */
function describeIssue(data: unknown, listKey: string, issue: z.ZodIssue): string {
  const [key, index, ...rest] = issue.path;
  let where = issue.path.join('.') || '(root)';
  if (key === listKey && typeof index === 'number') {
    const list = (data as Record<string, unknown>)[listKey];
    const item = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined) : undefined;
    const name = typeof item?.id === 'string' ? `"${item.id}"` : `#${index + 1}`;
    where = `entry ${name}${rest.length ? ` field ${rest.join('.')}` : ''}`;
  }
  return `${where}: ${issue.message}`;
}

function parseFile<T>(schema: z.ZodType<T>, source: KnowledgeFile, listKey: string): T {
  const result = schema.safeParse(source.data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describeIssue(source.data, listKey, issue));
    throw new KnowledgeBaseError(`${source.file}: ${problems.join('; ')}`);
  }
  return result.data;
}

function assertUnique(ids: string[], file: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new KnowledgeBaseError(`${file}: entry "${id}" appears more than once`);
    seen.add(id);
  }
}

/** Validates raw knowledge files and joins them into entries; throws a KnowledgeBaseError naming the file and entry. */
export function parseKnowledgeBase(files: KnowledgeFiles): KnowledgeBase {
  const topics = parseFile(topicsSchema, files.topics, 'topics').topics;
  assertUnique(
    topics.map((t) => t.id),
    files.topics.file,
  );
  const topicIds = new Set(topics.map((t) => t.id));
  for (const topic of topics) {
    for (const related of topic.related) {
      if (!topicIds.has(related)) {
        throw new KnowledgeBaseError(`${files.topics.file}: entry "${topic.id}" lists unknown related entry "${related}"`);
      }
      if (related === topic.id) {
        throw new KnowledgeBaseError(`${files.topics.file}: entry "${topic.id}" lists itself as related`);
      }
    }
  }

  const contentByLang = {} as Record<Lang, Map<string, FaqContent>>;
  for (const lang of LANGS) {
    const source = files.languages[lang];
    const parsed = parseFile(languageFileSchema, source, 'entries');
    if (parsed.lang !== lang) {
      throw new KnowledgeBaseError(`${source.file}: declares lang "${parsed.lang}" but is loaded as "${lang}"`);
    }
    assertUnique(
      parsed.entries.map((e) => e.id),
      source.file,
    );
    const byId = new Map<string, FaqContent>();
    for (const { id, ...content } of parsed.entries) {
      if (!topicIds.has(id)) {
        throw new KnowledgeBaseError(`${source.file}: entry "${id}" is not listed in ${files.topics.file}`);
      }
      byId.set(id, content);
    }
    for (const id of topicIds) {
      if (!byId.has(id)) throw new KnowledgeBaseError(`${source.file}: entry "${id}" is missing`);
    }
    contentByLang[lang] = byId;
  }

  const entries: FaqEntry[] = topics.map((topic) => ({
    id: topic.id,
    related: topic.related,
    en: contentByLang.en.get(topic.id) as FaqContent,
    fr: contentByLang.fr.get(topic.id) as FaqContent,
  }));
  return { entries, byId: new Map(entries.map((e) => [e.id, e])) };
}

/** The knowledge base shipped with the bot (src/faq/knowledge/*.json), validated. */
export function loadKnowledgeBase(): KnowledgeBase {
  return parseKnowledgeBase({
    topics: { file: 'src/faq/knowledge/topics.json', data: topicsFile },
    languages: {
      en: { file: 'src/faq/knowledge/en.json', data: enFile },
      fr: { file: 'src/faq/knowledge/fr.json', data: frFile },
    },
  });
}
