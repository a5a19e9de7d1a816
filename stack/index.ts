// The local stack without Docker: what the CLI (and scripts) use. Internals stay in this folder.
export { exitCodeOf, exitCodes, StackError } from './errors';
export { formatKb, formatMs, formatTable } from './format';
export { printLog } from './logs';
export { serviceNames, type ServiceName } from './service';
export {
  stackDown,
  stackLogFile,
  stackReset,
  stackStatus,
  stackUp,
  type ServiceReport,
  type ServiceStatus,
  type StackResult,
  type StackRunOptions,
} from './stack';
