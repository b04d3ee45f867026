// Entry of a CPU pool thread: registers the TypeScript loader in this thread (loader hooks are per
// thread), then loads the thread's real code.
import { register } from 'tsx/esm/api';

register();
await import('./thread-entry.ts');
