// Full gold documents from DynamoDB (written by the DynamoDB sink, keyed by posting id): the posting's text by
// section and every skill with its evidence spans.
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
// The pure item codec only (sinks/index.ts re-exports it but also loads every sink's runtime).
import { itemDocument } from '../../sinks/dynamodb/item';

export interface Evidence {
  section: string;
  start: number;
  end: number;
  text: string;
}

export interface DocumentSkill {
  id: string;
  name: string;
  category: string;
  requirement: 'REQUIRED' | 'PREFERRED' | 'MENTIONED';
  methods: string[];
  implied: boolean;
  evidence: Evidence[];
}

export interface GoldDocument {
  version: number | null;
  sections: Record<string, string> | null;
  skills: DocumentSkill[];
  title: string | null;
}

type Json = Record<string, unknown>;

/** Reads the gold document stored under `key`; undefined when there is none. */
export async function getGoldDocument(
  dynamo: DynamoDBDocumentClient,
  table: string,
  key: string,
): Promise<GoldDocument | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: table, Key: { pk: key }, ConsistentRead: false }));
  if (!res.Item) return undefined;
  return toGoldDocument(res.Item);
}

/**
 * The sink keeps the gold record as JSON text (`doc`, or gzip-compressed `docGz`); sinks' itemDocument reads
 * either. Fields are read defensively: anything missing stays null / empty.
 */
export function toGoldDocument(item: Json): GoldDocument {
  let gold: unknown;
  try {
    gold = itemDocument(item);
  } catch {
    gold = {};
  }
  const g = (gold && typeof gold === 'object' ? gold : {}) as Json;
  const posting = (g.posting && typeof g.posting === 'object' ? g.posting : {}) as Json;
  const sections = posting.sections && typeof posting.sections === 'object' ? (posting.sections as Json) : null;
  const skills = Array.isArray(g.skills) ? (g.skills as Json[]) : [];
  const version =
    typeof item.version === 'number' ? item.version : typeof posting.version === 'number' ? posting.version : null;
  return {
    version,
    title: typeof posting.title === 'string' ? posting.title : null,
    sections: sections
      ? Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, typeof v === 'string' ? v : '']))
      : null,
    skills: skills
      .filter((s) => typeof s.id === 'string')
      .map((s) => ({
        id: String(s.id),
        name: typeof s.name === 'string' ? s.name : String(s.id),
        category: typeof s.category === 'string' ? s.category : '',
        requirement: (['REQUIRED', 'PREFERRED', 'MENTIONED'].includes(String(s.requirement))
          ? s.requirement
          : 'MENTIONED') as DocumentSkill['requirement'],
        methods: Array.isArray(s.methods) ? s.methods.map(String) : [],
        implied: s.implied === true,
        evidence: (Array.isArray(s.evidence) ? (s.evidence as Json[]) : []).map((e) => ({
          section: String(e.section ?? ''),
          start: Number(e.start ?? 0),
          end: Number(e.end ?? 0),
          text: String(e.text ?? ''),
        })),
      })),
  };
}
