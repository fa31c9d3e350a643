// Preloaded into Azurite's queue service when it runs as a process of its own: that entry point has no keep-alive
// option and sets Node's 5 s default, and a request that reaches a keep-alive connection just as the server's idle
// timer closes it is dropped (nodejs/node#13391), so the client waits out its network timeout. Its HTTP servers keep
// idle connections at least the 300 s the other entry points are given with --*KeepAliveTimeout.
const http = require("http");
const minimumMs = 300_000;
const createServer = http.createServer;
http.createServer = function (...args) {
  const server = createServer.apply(this, args);
  let timeoutMs = minimumMs;
  Object.defineProperty(server, "keepAliveTimeout", {
    get: () => timeoutMs,
    set: (value) => { timeoutMs = Math.max(value, minimumMs); },
  });
  return server;
};
