import { DefaultLogger, Runtime } from '@temporalio/worker';

// Each test process gets Temporal's runtime once; warnings and errors only, unless debugging.
try {
  Runtime.install({ logger: new DefaultLogger(process.env.SEGFLOW_DEBUG ? 'INFO' : 'WARN') });
} catch {
  // Already installed in this process (vitest may reuse a fork for several files).
}
