// Dead letters of the sinks: a record that cannot be written goes to postings.dlq with the stage, the reason and
// the original bytes, and the rest of the batch goes on. Sent with acks from all replicas before put() returns,
// so a dead letter is never lost; a crash between sending it and committing the offset may send it twice.
import type { Producer } from 'kafkajs';
import type { Config } from '../platform/config';
import { describeError, isRetriable } from '../platform/errors';
import { counter } from '../platform/metrics';
import type { AvroSerde } from '../platform/serde';
import { topicName } from '../platform/topics';
import type { DeadLetterFn, SinkRecord } from './types';

const deadLetters = counter('techmap_sink_dead_letters_total', 'Records a sink sent to the dead-letter topic.', [
  'sink',
  'error',
]);

/** The Avro value of a dead letter for `record` (pure). */
export function deadLetterValue(stage: string, record: SinkRecord, error: unknown, now: number) {
  return {
    stage,
    topic: record.topic,
    partition: record.partition,
    offset: String(record.offset),
    key: record.key,
    value: record.value,
    headers: record.headers,
    errorType: error instanceof Error ? error.name : typeof error,
    errorMessage: describeError(error),
    retriable: isRetriable(error),
    attempts: 1,
    failedAt: now,
  };
}

export function createDeadLetterFn(
  config: Pick<Config, 'topicPrefix'>,
  sink: string,
  producer: Producer,
  serde: AvroSerde,
): DeadLetterFn {
  const topic = topicName(config, 'dlq');
  return async (record, error) => {
    const value = await serde.encode('dlq', deadLetterValue(`sink.${sink}`, record, error, Date.now()));
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: record.key, value, headers: { 'techmap.stage': `sink.${sink}` } }],
    });
    deadLetters.inc({ sink, error: error instanceof Error ? error.name : 'unknown' });
  };
}
