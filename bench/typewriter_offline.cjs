// Preloaded into Segment Typewriter's process by bench/typewriter.py (node --require):
// keeps a benchmark build offline and says so.
//
// - Typewriter 9 sends usage telemetry to Segment (@segment/analytics-node, writeKey
//   hard-coded, no opt-out) on every build and waits for it in its postrun hook; offline,
//   analytics-node retries 3 times with backoff before it gives up, which would add
//   network waits to the build's time. Here its Analytics client is built with
//   `disable: true` (its own setting: events are dropped without a request).
// - Every other way out is refused and recorded: a DNS lookup or a socket connection
//   (http, https, fetch/undici and node-fetch all end in net.Socket#connect or dns)
//   fails at once with ENETUNREACH, and its target is appended, one JSON line each, to
//   $TRACKGEN_BENCH_NET_LOG. bench/typewriter.py fails the run when that file is not empty.
//
// A local IPC socket (a path, not a host) is let through: Node uses none here, but it is
// not the network.
"use strict";

const fs = require("fs");
const dns = require("dns");
const net = require("net");
const Module = require("module");

const LOG = process.env.TRACKGEN_BENCH_NET_LOG;

function record(what, target) {
  const line = JSON.stringify({ what, target: String(target), pid: process.pid }) + "\n";
  if (LOG) {
    try {
      fs.appendFileSync(LOG, line);
    } catch (_) {
      /* the error below still reaches the caller */
    }
  }
}

function refused(target) {
  const err = new Error(`network access blocked by trackgen's benchmark: ${target}`);
  err.code = "ENETUNREACH";
  err.errno = -101;
  err.syscall = "connect";
  return err;
}

// --- telemetry off, through analytics-node's own `disable` setting -------------------
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  const exports = originalLoad.apply(this, arguments);
  if (request === "@segment/analytics-node" && exports && typeof exports.Analytics === "function" && !exports.__trackgenBench) {
    const Original = exports.Analytics;
    class Analytics extends Original {
      constructor(settings) {
        super({ ...(settings || {}), disable: true });
      }
    }
    const patched = Object.create(exports, { Analytics: { value: Analytics, enumerable: true }, __trackgenBench: { value: true } });
    return patched;
  }
  return exports;
};

// --- no DNS -------------------------------------------------------------------------------
function blockLookup(name) {
  return function blocked(hostname, ...rest) {
    record(name, hostname);
    const callback = rest.find((a) => typeof a === "function");
    const err = refused(hostname);
    err.syscall = name;
    if (callback) {
      process.nextTick(callback, err);
      return undefined;
    }
    throw err;
  };
}
for (const name of ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveSrv", "resolveTxt"]) {
  if (typeof dns[name] === "function") dns[name] = blockLookup(name);
}
if (dns.promises) {
  for (const name of ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny"]) {
    if (typeof dns.promises[name] === "function") {
      dns.promises[name] = async (hostname) => {
        record(`promises.${name}`, hostname);
        throw refused(hostname);
      };
    }
  }
}

// --- no sockets to a host -----------------------------------------------------------------
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  let options = args[0];
  if (Array.isArray(options)) options = options[0]; // internal normalized form
  let target;
  if (options && typeof options === "object") {
    if (options.path) return originalConnect.apply(this, args); // IPC
    target = `${options.host || "localhost"}:${options.port}`;
  } else if (typeof options === "string" && isNaN(Number(options))) {
    return originalConnect.apply(this, args); // IPC path
  } else {
    target = `${typeof args[1] === "string" ? args[1] : "localhost"}:${options}`;
  }
  record("connect", target);
  const err = refused(target);
  process.nextTick(() => this.destroy(err));
  return this;
};
