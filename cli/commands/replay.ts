// techmap replay --from-s3 <prefix>: re-feeds the pipeline from the S3 archive — every archived bronze record under
// <prefix> is produced to postings.raw again (a backfill after a taxonomy change), with a progress bar.
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../platform/config';
import { replayFromS3 } from '../../sinks/s3/replay';

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function register(program: Command): void {
  program
    .command('replay')
    .description('re-produce archived bronze records from S3 to postings.raw (backfill)')
    .requiredOption(
      '--from-s3 <prefix>',
      "key prefix in the archive bucket, e.g. 'topics/postings.raw/board=wanted/' or 'topics/postings.raw/board=wanted/date=2026-03'",
    )
    .option('--bucket <name>', 'archive bucket (default: S3_BUCKET)')
    .option('--batch-size <n>', 'records per produce request', positiveInt, 500)
    .option('--dry-run', 'read and count the records, produce nothing')
    .addHelpText(
      'after',
      '\nRecords keep their key and headers and get techmap.replay-of=<topic>+<partition>+<offset> and\n' +
        'techmap.original-timestamp; the S3 sink does not archive them twice. Run it while refine/enrich are running\n' +
        'to rebuild silver and gold.',
    )
    .action(async (opts: { fromS3: string; bucket?: string; batchSize: number; dryRun?: boolean }) => {
      const config = loadConfig();
      const bar = new cliProgress.SingleBar(
        {
          format: 'replay |{bar}| {value}/{total} objects | {records} records',
          stream: process.stderr,
          hideCursor: true,
          noTTYOutput: false,
        },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      try {
        const summary = await replayFromS3({
          config,
          prefix: opts.fromS3,
          bucket: opts.bucket,
          batchSize: opts.batchSize,
          dryRun: opts.dryRun,
          onProgress: (p) => {
            if (!started) {
              bar.start(Math.max(p.objectsTotal, 1), 0, { records: 0 });
              started = true;
            }
            bar.update(p.objectsDone, { records: p.records });
          },
        });
        bar.stop();
        const verb = opts.dryRun ? 'would replay' : 'replayed';
        process.stdout.write(
          `${verb} ${summary.records} records from ${summary.objectsDone} objects under s3://${summary.bucket}/${opts.fromS3}` +
            ` to ${summary.topic} in ${(summary.ms / 1000).toFixed(1)} s` +
            (summary.skipped > 0 ? ` (${summary.skipped} non-bronze lines skipped)` : '') +
            '\n',
        );
        if (summary.objectsTotal === 0) process.stderr.write('replay: no archived bronze objects under that prefix\n');
      } finally {
        if (started) bar.stop();
      }
    });
}
