import type { FunctionDefinition } from './function-registry';

/**
 * The functions of this application, one self-contained entry each: the stack gives every one its log group,
 * routes, metric filters, alarms, dashboard widgets, saved queries and archive subscription. Login's and
 * health's own monitoring is in `function-extensions.ts`. Add an entry by hand or with `npm run new:function`.
 */
export const functions: readonly FunctionDefinition[] = [
  {
    name: 'login',
    description: 'POST /login: password login issuing a JWT',
    routes: ['POST /login'],
    // Lambda gives CPU in proportion to memory (1769 MB = one vCPU). One scrypt (N=2^14, r=8, p=5) takes
    // ~0.3 s of a full core: ~2 s at 256 MB (0.14 vCPU), above the 1.5 s p99 alarm; at 1024 MB (0.58 vCPU)
    // ~0.52 s, a third of it. A CPU-bound login costs the same GB-seconds either way (0.25 GB x 2.07 s =
    // 1 GB x 0.52 s = 0.52 GB-s), so the larger size buys the margin for nothing.
    memorySize: 1024,
  },
  {
    name: 'health',
    description: 'GET /health/logs: checks that logging and monitoring are in place',
    routes: ['GET /health/logs'],
  },
  // new:function adds entries above this line
];
