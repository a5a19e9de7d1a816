// The gateway's MySQL pool and DynamoDB document client, configured once here (tests and the bench reuse them).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import mysql from 'mysql2/promise';
import { mysqlOptions, type Config } from '../platform/config';

/** A mysql2 pool as the gateway uses it: UTC, prepared statements, bounded. */
export function createGatewayPool(config: Pick<Config, 'mysqlUrl'>, connectionLimit = 16): mysql.Pool {
  return mysql.createPool({
    ...mysqlOptions(config),
    timezone: 'Z',
    connectionLimit,
    maxIdle: connectionLimit,
    enableKeepAlive: true,
    connectTimeout: 5000,
    supportBigNumbers: true,
  });
}

export function createDocumentClient(config: Config): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint: config.dynamoEndpoint,
    region: config.dynamoRegion,
    credentials: config.dynamoEndpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 2000, requestTimeout: 5000 },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
