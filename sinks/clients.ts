// S3 and DynamoDB clients as the sinks, the replay command, tests and benchmarks build them, and what their
// errors mean: an AWS error is retriable when the service was away, slow or throttling.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../platform/config';
import { describeError, isRetriable, TechmapError, UnavailableError } from '../platform/errors';

export function createS3Client(config: Config): S3Client {
  return new S3Client({
    endpoint: config.s3Endpoint,
    region: config.s3Region,
    forcePathStyle: true,
    credentials:
      config.s3AccessKeyId && config.s3SecretAccessKey
        ? { accessKeyId: config.s3AccessKeyId, secretAccessKey: config.s3SecretAccessKey }
        : undefined,
    maxAttempts: 2,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 3000, requestTimeout: 30000 },
  });
}

export function createDynamoClient(config: Config, opts: { maxSockets?: number } = {}): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: config.dynamoEndpoint,
    region: config.dynamoRegion,
    // dynalite accepts any credentials; on AWS the default provider chain is used.
    credentials: config.dynamoEndpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    maxAttempts: 2,
    requestHandler: {
      connectionTimeout: 3000,
      requestTimeout: 15000,
      httpAgent: { keepAlive: true, maxSockets: opts.maxSockets ?? 64 },
      httpsAgent: { keepAlive: true, maxSockets: opts.maxSockets ?? 64 },
    },
  });
}

/** Maps an AWS SDK error to our types: service away / throttled / 5xx → UnavailableError, otherwise unchanged. */
export function classifyAwsError(err: unknown, what: string): unknown {
  if (err instanceof TechmapError) return err;
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  const status = e.$metadata?.httpStatusCode;
  if (
    isRetriable(err) ||
    (status !== undefined && (status >= 500 || status === 429)) ||
    /socket|network|ECONN|EPIPE|timeout|aborted/i.test(`${e.name ?? ''} ${e.code ?? ''} ${describeError(err)}`)
  ) {
    return new UnavailableError(`${what}: ${describeError(err)}`, err);
  }
  return err;
}
