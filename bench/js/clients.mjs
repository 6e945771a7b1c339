// The benchmark's real-time clients in Node, driven by PartyProtocol.Bench (Clients/NodeClients.cs).
//
// Hub clients are the official SignalR JavaScript client (@microsoft/signalr); WebSocket clients are plain `ws`
// sockets. Both use the very same `ws` module (the one the SignalR client depends on) and the same browser-style
// `onmessage` API, so the only difference between them is what SignalR adds on top. A client counts as connected the
// moment its client says so — `start()` resolved, or the socket open — with no ping after it.
//
// Protocol, one JSON object per line.
//   stdin:  {"op":"connect","id":1,"kind":"hub"|"ws","url":"ws://127.0.0.1:…"}  {"op":"close","id":1}  {"op":"exit"}
//   stdout: {"k":"open","id":1}  {"k":"fail","id":1,"error":"…"}  {"k":"closed","id":1}  {"k":"drop","id":1,"error":"…"}
//           {"k":"e","id":1,"t":<arrival, ms since the Unix epoch, fractional>,"b":<frame bytes, 0 for the hub>,"m":<envelope>}
// Every event is stamped the moment the client hands it to application code, after parsing, on both transports.
// The process ends when stdin closes or on "exit"; it opens no connection it was not told to.

import { performance } from "node:perf_hooks";
import readline from "node:readline";
import * as signalR from "@microsoft/signalr";
import WebSocket from "ws";

// stdout carries the protocol alone: whatever a library logs goes to stderr.
for (const level of ["log", "info", "debug", "warn", "error", "trace"]) {
  console[level] = (...args) => process.stderr.write(args.map(String).join(" ") + "\n");
}

// Sub-millisecond wall-clock time, comparable with the server's `at` on the same machine. performance.now() is
// monotonic; a step of the system clock is caught up with once a second.
let clockOffset = 0;
const now = () => performance.timeOrigin + performance.now() + clockOffset;
setInterval(() => {
  const drift = Date.now() - now();
  if (Math.abs(drift) > 2) {
    clockOffset += drift;
  }
}, 1000).unref();

// Lines are written once per turn of the event loop, after every message of that turn has been stamped.
let pending = [];
function emit(line) {
  pending.push(line);
  if (pending.length === 1) {
    setImmediate(() => {
      const text = pending.join("\n") + "\n";
      pending = [];
      process.stdout.write(text);
    });
  }
}

const report = (k, id, extra) => emit(JSON.stringify({ k, id, ...extra }));
// The same work after the stamp on both transports: the parsed envelope is written out again.
const reportEvent = (id, t, bytes, envelope) => emit(`{"k":"e","id":${id},"t":${t},"b":${bytes},"m":${JSON.stringify(envelope)}}`);
const errorText = (error) => (error && error.message) || String(error ?? "closed");

const connections = new Map();

function connectHub(id, url) {
  const hub = new signalR.HubConnectionBuilder()
    .withUrl(url, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets, WebSocket })
    .configureLogging(signalR.LogLevel.Error)
    .build();
  const entry = { closing: false, close: () => hub.stop() };
  connections.set(id, entry);
  hub.on("event", (envelope) => reportEvent(id, now(), 0, envelope));
  hub.onclose((error) => {
    if (!entry.closing) {
      report("drop", id, { error: `hub closed: ${errorText(error)}` });
    }
  });
  hub.start().then(
    () => report("open", id),
    (error) => report("fail", id, { error: errorText(error) }));
}

function connectSocket(id, url) {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  const entry = {
    closing: false,
    close: () => new Promise((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) {
        resolve();
        return;
      }
      socket.addEventListener("close", () => resolve());
      socket.close(1000, "bench done");
    }),
  };
  connections.set(id, entry);
  let opened = false;
  socket.onopen = () => {
    opened = true;
    report("open", id);
  };
  socket.onmessage = (message) => {
    const envelope = JSON.parse(message.data);
    const t = now();
    if (envelope.type === "pong" && envelope.seq === undefined) {
      return;
    }
    reportEvent(id, t, Buffer.byteLength(message.data), envelope);
  };
  socket.onerror = (error) => {
    if (!opened) {
      entry.closing = true;
      report("fail", id, { error: errorText(error) });
    }
  };
  socket.onclose = (event) => {
    if (opened && !entry.closing) {
      report("drop", id, { error: `server closed (${event.code} ${event.reason})` });
    }
  };
}

async function close(id) {
  const entry = connections.get(id);
  if (!entry) {
    report("closed", id);
    return;
  }
  entry.closing = true;
  connections.delete(id);
  try {
    await Promise.race([entry.close(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  } catch {
    // Closing is best effort: the bench only waits for the answer.
  }
  report("closed", id);
}

async function exit() {
  await Promise.all([...connections.keys()].map(close));
  setImmediate(() => process.exit(0));
}

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on("line", (line) => {
  if (!line.trim()) {
    return;
  }
  const command = JSON.parse(line);
  switch (command.op) {
    case "connect":
      try {
        (command.kind === "hub" ? connectHub : connectSocket)(command.id, command.url);
      } catch (error) {
        report("fail", command.id, { error: errorText(error) });
      }
      break;
    case "close":
      close(command.id);
      break;
    case "exit":
      exit();
      break;
    default:
      process.stderr.write(`clients.mjs: unknown command ${line}\n`);
  }
});
// The bench went away (or closed our input): close everything and end.
input.on("close", exit);
