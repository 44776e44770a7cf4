// Main-thread CPU time per request of servers held running (bench/run.mjs with BENCH_HOLD=1), in
// alternating wrk rounds: steadier than req/s on a VM whose speed changes from one minute to the next,
// because every round measures each server within seconds of the others. The server named `baseline` is
// the reference; each other server gets, per round, baseline µs ÷ its µs, and the median of those.
//
//   node bench/held-rounds.mjs baseline:3501:<pid>:<tokens.txt> console:3600:<pid>:<tokens.txt> … [--rounds 16] [--seconds 2]
//
// Every server but the baseline first serves /sign-in and /api/auth/csrf, as a console in use has (one
// without Next.js answers them 404, which is fine). The main thread's time comes from
// /proc/<pid>/task/<pid>/stat, in clock ticks (10 ms), so a round should last a few seconds.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args.splice(i, 2)[1]);
};
const ROUNDS = option("rounds", 16);
const SECONDS = option("seconds", 2);
const servers = args.map((arg) => {
  const [name, port, pid, tokensFile] = arg.split(":");
  if (!name || !Number(port) || !Number(pid) || !tokensFile) {
    console.error(`held-rounds: "${arg}" is not name:port:pid:tokensFile`);
    process.exit(1);
  }
  return { name, port, pid, tokensFile, perRequest: [] };
});
const baseline = servers.find((s) => s.name === "baseline");
if (!baseline || servers.length < 2) {
  console.error("held-rounds: give the server named baseline and at least one other");
  process.exit(1);
}

const rotate = fileURLToPath(new URL("rotate.lua", import.meta.url));
const TICK_US = 1e6 / 100; // USER_HZ
function mainThreadMicroseconds(pid) {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_US; // utime, stime
}
function wrk(server, seconds) {
  const out = execFileSync(
    "wrk",
    ["-t1", "-c50", `-d${seconds}s`, "-s", rotate, `http://127.0.0.1:${server.port}/api/v1/token`],
    { env: { ...process.env, BENCH_TOKENS_FILE: server.tokensFile }, encoding: "utf8" },
  );
  if (/Non-2xx/.test(out)) throw new Error(`${server.name} answered other than 200:\n${out}`);
  return Number(/(\d+) requests in/.exec(out)[1]);
}

for (const server of servers) {
  if (server !== baseline)
    for (const page of ["/sign-in", "/api/auth/csrf"]) await (await fetch(`http://127.0.0.1:${server.port}${page}`)).text();
  wrk(server, 2); // warm-up
}
for (let round = 0; round < ROUNDS; round++) {
  for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
    const before = mainThreadMicroseconds(server.pid);
    const requests = wrk(server, SECONDS);
    server.perRequest.push((mainThreadMicroseconds(server.pid) - before) / requests);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const list = (values, digits) => values.map((v) => v.toFixed(digits)).join(" ");
for (const server of servers) {
  const line = `${server.name}: main thread ${median(server.perRequest).toFixed(1)} µs per request (median; rounds ${list(server.perRequest, 0)})`;
  if (server === baseline) console.log(line);
  else {
    const ratios = server.perRequest.map((us, i) => baseline.perRequest[i] / us);
    console.log(`${line}; ratio to the baseline ${median(ratios).toFixed(2)} (rounds ${list(ratios, 2)})`);
  }
}
