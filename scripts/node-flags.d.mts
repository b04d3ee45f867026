/** V8 flags for the server and worker processes (see node-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
