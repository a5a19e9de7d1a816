// The AWS SDK v3 warns on every CLI run under Node 20 (its 2027 releases need Node 22). techmap supports Node 20
// deliberately (README), so the stack's health probes silence that warning for the CLI process.
export function quietAwsSdkNodeWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
