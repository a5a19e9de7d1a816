// Avro values on topics, framed the Confluent way (magic byte 0, 4-byte schema id, Avro body).
// Writer schema ids are registered once per subject and cached; readers resolve any writer version into the
// schema this code was built with (one cached resolver per writer id), so after warm-up no message needs a
// registry request.
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import type { Config } from './config';
import { DecodeError, UnavailableError, ValidationError } from './errors';
import { schemaFor } from './schemas';
import { topicName, topicSpecs, type TopicId } from './topics';

const MAGIC_BYTE = 0;

export type Compatibility = 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FULL' | 'NONE';

export class AvroSerde {
  readonly registry: SchemaRegistry;
  private readonly writerIds = new Map<string, Promise<number>>();
  private readonly resolvers = new Map<string, Promise<{ read: (buf: Buffer) => unknown }>>();

  constructor(
    private readonly config: Pick<Config, 'schemaRegistryUrl' | 'topicPrefix'>,
    registry?: SchemaRegistry,
  ) {
    this.registry = registry ?? new SchemaRegistry({ host: config.schemaRegistryUrl });
  }

  subjectOf(topic: TopicId): string {
    return `${topicName(this.config, topic)}-value`;
  }

  /** Registers the schema of `topic` under its subject with the given compatibility; returns its id. */
  async register(topic: TopicId, compatibility: Compatibility = 'BACKWARD'): Promise<number> {
    const subject = this.subjectOf(topic);
    await this.setCompatibility(subject, compatibility);
    const schema = schemaFor(topicSpecs[topic].schema).fullSchema;
    try {
      const { id } = await this.registry.register({ type: SchemaType.AVRO, schema }, { subject });
      return id;
    } catch (err) {
      throw registryError(`register ${subject}`, err);
    }
  }

  async setCompatibility(subject: string, compatibility: Compatibility): Promise<void> {
    const res = await fetchRegistry(`${this.config.schemaRegistryUrl}/config/${encodeURIComponent(subject)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility }),
    });
    if (!res.ok) throw new UnavailableError(`registry: set compatibility of ${subject}: HTTP ${res.status}`);
  }

  /** Asks the registry whether `schemaJson` may be registered next under `subject`. */
  async isCompatible(subject: string, schemaJson: string): Promise<boolean> {
    const res = await fetchRegistry(
      `${this.config.schemaRegistryUrl}/compatibility/subjects/${encodeURIComponent(subject)}/versions/latest`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: schemaJson }),
      },
    );
    if (res.status === 404) return true; // nothing registered yet: anything is compatible
    if (!res.ok) throw new UnavailableError(`registry: compatibility check of ${subject}: HTTP ${res.status}`);
    const body = (await res.json()) as { is_compatible?: boolean };
    return body.is_compatible === true;
  }

  /** Encodes a value for `topic` with the schema this code was built with. Invalid values throw ValidationError. */
  async encode(topic: TopicId, value: unknown): Promise<Buffer> {
    let id = this.writerIds.get(topic);
    if (!id) {
      id = this.register(topic);
      this.writerIds.set(topic, id);
      id.catch(() => this.writerIds.delete(topic));
    }
    const schemaId = await id;
    const type = schemaFor(topicSpecs[topic].schema).type;
    let end: number;
    try {
      end = writeFramed(type, value); // avsc's writer checks every field as it writes
    } catch (err) {
      // Only on failure: walk the value again to name every invalid path.
      const paths: string[] = [];
      type.isValid(value, { errorHook: (p) => paths.push(p.join('.') || '(root)') });
      const where = paths.length > 0 ? paths.join(', ') : (err as Error).message;
      throw new ValidationError(`value does not match ${topicSpecs[topic].schema}: invalid at ${where}`, err);
    }
    const out = Buffer.allocUnsafe(end);
    scratch.copy(out, 0, 0, end);
    out.writeUInt8(MAGIC_BYTE, 0);
    out.writeInt32BE(schemaId, 1);
    return out;
  }

  /** Decodes a framed value into the shape of `topic`'s current schema, whatever compatible version wrote it. */
  async decode<T = unknown>(topic: TopicId, buf: Buffer | null): Promise<T> {
    if (!buf || buf.length < 5) throw new DecodeError(`value is ${buf ? `${buf.length} bytes` : 'null'}, not Avro`);
    if (buf.readUInt8(0) !== MAGIC_BYTE) throw new DecodeError(`unknown magic byte ${buf.readUInt8(0)}`);
    const writerId = buf.readInt32BE(1);
    const reader = await this.resolverFor(topic, writerId);
    try {
      return reader.read(buf.subarray(5)) as T;
    } catch (err) {
      throw new DecodeError(`corrupt Avro body (schema id ${writerId}): ${(err as Error).message}`, err);
    }
  }

  private resolverFor(topic: TopicId, writerId: number) {
    const key = `${topic}:${writerId}`;
    let r = this.resolvers.get(key);
    if (!r) {
      r = this.buildResolver(topic, writerId);
      this.resolvers.set(key, r);
      // Forget failures so a registry that was down is asked again; unknown ids are re-asked too (cheap, rare).
      r.catch(() => this.resolvers.delete(key));
    }
    return r;
  }

  private async buildResolver(topic: TopicId, writerId: number) {
    const readerType = schemaFor(topicSpecs[topic].schema).type;
    let writerSchema: unknown;
    try {
      writerSchema = await this.registry.getSchema(writerId);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404) throw new DecodeError(`unknown schema id ${writerId}`, err);
      throw registryError(`fetch schema ${writerId}`, err);
    }
    const writerType = avro.Type.forSchema(JSON.parse(JSON.stringify(writerSchema)) as avro.Schema);
    if (writerType.equals(readerType)) return { read: (b: Buffer) => readerType.fromBuffer(b) };
    let resolver: avro.Resolver;
    try {
      resolver = readerType.createResolver(writerType);
    } catch (err) {
      throw new DecodeError(`schema id ${writerId} is not readable as ${topicSpecs[topic].schema}`, err);
    }
    return { read: (b: Buffer) => readerType.fromBuffer(b, resolver) };
  }
}

/**
 * Reused encoding buffer. avsc's toBuffer writes into a fixed 1 KiB buffer and, when the value does not fit (every
 * silver and gold record), writes it all over again into one of the right size; this one grows to the largest record
 * instead, so each value is written once (and copied once, with the framing).
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** Writes `value` into `scratch` after the 5 framing bytes; returns the end offset. Throws as toBuffer does. */
function writeFramed(type: avro.Type, value: unknown): number {
  for (;;) {
    const end = type.encode(value, scratch, 5);
    if (end >= 0) return end;
    scratch = Buffer.allocUnsafe(2 * (scratch.length - end)); // -end: the bytes missing
  }
}

async function fetchRegistry(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(10000) });
  } catch (err) {
    throw new UnavailableError(`schema registry at ${new URL(url).origin} is not answering`, err);
  }
}

function registryError(what: string, err: unknown): Error {
  const status = (err as { status?: number }).status;
  const message = (err as Error).message ?? String(err);
  if (status === 409 || /incompatible/i.test(message)) {
    return new ValidationError(`registry: ${what}: incompatible schema: ${message}`, err);
  }
  return new UnavailableError(`registry: ${what}: ${message}`, err);
}
