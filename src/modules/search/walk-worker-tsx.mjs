// The search walk's worker when the server runs from the TypeScript sources (tests, `npm run dev`,
// the benchmarks): Node.js cannot load walk-worker.ts by itself, so tsx is registered first. The
// bundle started by `npm start` runs dist/search-walk.js instead (see walk-pool.ts).
import { register } from 'tsx/esm/api';

register();
await import('./walk-worker.ts');
