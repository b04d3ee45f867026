// V8 flags for the long-running processes (the server and BullMQ workers), shared by `npm start`
// and bench:endpoint so the benchmark measures what production runs (package.json's `worker` script
// states the same flag: an npm script cannot import it).
//
// A call's objects (request, run records, node outputs, the response) live for the tens of
// milliseconds the call takes, which outlasts the default 16 MB young generation under load: they
// survive two scavenges, get promoted, and are left for full mark-compacts. With 64 MB semi-spaces
// they die young; bench:endpoint served 7 % more calls per second with 10 % less CPU per call
// (32 MB gained nothing, 128 MB no more than 64). V8 grows the young generation only while
// allocation is heavy, so an idle process stays small.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
