#!/usr/bin/env node
// The techmap CLI. Sources are TypeScript run through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

// Node 20 is supported on purpose (README, "Node.js version"); the AWS SDK's notice about it is not news to users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('../cli/main.ts');
