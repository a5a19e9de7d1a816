// Against the real Schema Registry: BACKWARD compatibility is enforced, and v1 records decode as v2.
import assert from 'node:assert/strict';
import avro from 'avsc';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { AvroSerde } from '../../platform/serde';
import { DecodeError, ValidationError } from '../../platform/errors';
import { schemaFor } from '../../platform/schemas';
import { isolatedConfig } from '../support/services';

describe('platform/serde against the real registry', () => {
  const config = isolatedConfig('serde');
  const serde = new AvroSerde(config);

  const v1 = {
    type: 'record',
    name: 'Probe',
    namespace: 'techmap.test',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'count', type: 'int' },
    ],
  };
  const v2Compatible = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
  const v2Breaking = { ...v1, fields: [...v1.fields, { name: 'mandatory', type: 'string' }] };

  it('accepts a compatible change and rejects a breaking one (BACKWARD)', async () => {
    const subject = `${config.topicPrefix}probe-value`;
    await serde.setCompatibility(subject, 'BACKWARD');
    await serde.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v1) }, { subject });
    assert.equal(await serde.isCompatible(subject, JSON.stringify(v2Compatible)), true);
    assert.equal(await serde.isCompatible(subject, JSON.stringify(v2Breaking)), false);
    await assert.rejects(
      serde.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v2Breaking) }, { subject }),
      /incompatible/i,
    );
    const { id } = await serde.registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(v2Compatible) },
      { subject },
    );
    assert.ok(id > 0);
  });

  it('decodes a record written with an older crawl-event schema into the current shape', async () => {
    // v1 of crawl-event: the current schema minus the fields that have defaults.
    const current = JSON.parse(schemaFor('crawl-event').fullSchema) as {
      fields: Array<{ name: string; default?: unknown }>;
    };
    const oldSchema = { ...current, fields: current.fields.filter((f) => f.default === undefined) };
    const subject = serde.subjectOf('crawlEvents');
    await serde.setCompatibility(subject, 'BACKWARD');
    const { id: oldId } = await serde.registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(oldSchema) },
      { subject },
    );
    const body = avro.Type.forSchema(oldSchema as avro.Schema).toBuffer({
      runId: 'r1',
      board: 'wanted',
      kind: 'FINISHED',
      at: 1_700_000_000_000,
    });
    const framed = Buffer.concat([Buffer.from([0]), Buffer.from([0, 0, 0, 0]), body]);
    framed.writeInt32BE(oldId, 1);
    const decoded = await serde.decode<Record<string, unknown>>('crawlEvents', framed);
    assert.equal(decoded.board, 'wanted');
    assert.equal(decoded.pagesFetched, 0);
    assert.deepEqual(decoded.errors, {});
    assert.equal(decoded.message, null);
    // and the current schema registers on top of the old one (BACKWARD compatible)
    assert.ok((await serde.register('crawlEvents')) > 0);
  });

  it('round-trips a value and rejects an invalid one before it reaches Kafka', async () => {
    const event = {
      runId: 'r2',
      board: 'jumpit',
      kind: 'STARTED',
      at: 1_700_000_000_000,
      pagesFetched: 3,
      requests: 4,
      newPostings: 1,
      changedPostings: 0,
      unchangedPostings: 0,
      closedPostings: 0,
      notModified: 0,
      errors: { http_404: 1 },
      message: null,
    };
    const buf = await serde.encode('crawlEvents', event);
    assert.deepEqual({ ...(await serde.decode<object>('crawlEvents', buf)) }, event);
    await assert.rejects(serde.encode('crawlEvents', { ...event, kind: 'EXPLODED' }), ValidationError);
  });

  it('says clearly what is wrong with bytes that are not our Avro', async () => {
    await assert.rejects(serde.decode('crawlEvents', Buffer.from('hello world')), DecodeError);
    await assert.rejects(serde.decode('crawlEvents', Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1])), /unknown schema id/);
    await assert.rejects(serde.decode('crawlEvents', null), /null, not Avro/);
  });
});
