// Prometheus metrics of the stage runner, one set per process, labelled by stage.
import { counter, gauge, histogram } from '../../platform/metrics';

export const stageMetrics = {
  recordsIn: counter('techmap_stage_records_in_total', 'Input records a stage consumed and committed.', ['stage']),
  recordsOut: counter('techmap_stage_records_out_total', 'Output records a stage committed.', ['stage']),
  deadLetters: counter('techmap_stage_dead_letters_total', 'Records sent to the dead-letter topic.', [
    'stage',
    'error',
  ]),
  retries: counter('techmap_stage_retries_total', 'Retries after transient errors.', ['stage', 'scope']),
  transactions: counter('techmap_stage_transactions_total', 'Kafka transactions by outcome.', ['stage', 'outcome']),
  batchSeconds: histogram('techmap_stage_batch_seconds', 'Time to process and commit one batch.', ['stage']),
  batchSize: histogram(
    'techmap_stage_batch_records',
    'Records per committed batch.',
    ['stage'],
    [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
  ),
  lag: gauge('techmap_stage_lag', 'Records behind the end of the input partition after the last batch.', [
    'stage',
    'partition',
  ]),
  storeEntries: gauge('techmap_stage_store_entries', 'Entries in the stage store (in memory).', ['stage']),
  restoreSeconds: histogram('techmap_stage_restore_seconds', 'Time to restore the store from its changelog.', [
    'stage',
  ]),
};
