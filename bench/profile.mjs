// Self time by function in a V8 CPU profile (`node --cpu-prof`, e.g. the console's during `npm run bench`
// with BENCH_CONSOLE_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof"), over the whole profile or only
// while some code runs: samples whose stack matches WINDOW (a regular expression on function names and
// file paths) mark the windows, joined across gaps under 300 ms; every sample inside a window counts,
// including the garbage collector's and idle time, which have no stack.
//
//   node bench/profile.mjs /tmp/prof/CPU.*.cpuprofile [--window 'busboy|receiveUpload'] [--top 25]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args.splice(i, 2)[1];
};
const windowPattern = option("window", null);
const top = Number(option("top", 25));
if (args.length !== 1) {
  console.error("usage: node bench/profile.mjs <file.cpuprofile> [--window REGEXP] [--top N]");
  process.exit(1);
}

const profile = JSON.parse(readFileSync(args[0], "utf8"));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

const times = [];
let t = profile.startTime;
for (const delta of profile.timeDeltas) times.push((t += delta));

let inWindow = () => true;
let windows = [];
if (windowPattern) {
  const re = new RegExp(windowPattern);
  const matches = new Map();
  const matchesStack = (id) => {
    if (!matches.has(id)) {
      const { functionName, url } = nodes.get(id).callFrame;
      matches.set(id, re.test(functionName) || re.test(url) || (parent.has(id) && matchesStack(parent.get(id))));
    }
    return matches.get(id);
  };
  for (let i = 0; i < profile.samples.length; i++) {
    if (!matchesStack(profile.samples[i])) continue;
    const last = windows.at(-1);
    if (last && times[i] - last[1] < 300_000) last[1] = times[i];
    else windows.push([times[i], times[i]]);
  }
  windows = windows.filter(([a, b]) => b - a >= 20_000); // drop stray matches (module loading)
  inWindow = (x) => windows.some(([a, b]) => x >= a && x <= b);
}

const self = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  if (!inWindow(times[i])) continue;
  const duration = (times[i + 1] ?? times[i]) - times[i];
  const { functionName, url, lineNumber } = nodes.get(profile.samples[i]).callFrame;
  const where = url ? ` ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}` : "";
  const key = `${functionName || "(anonymous)"}${where}`;
  self.set(key, (self.get(key) ?? 0) + duration);
  total += duration;
}
const idle = self.get("(idle)") ?? 0;
if (windowPattern)
  console.log(`windows matching /${windowPattern}/: ${windows.map(([a, b]) => `${((b - a) / 1000).toFixed(0)} ms`).join(", ")}`);
console.log(`sampled ${(total / 1000).toFixed(0)} ms, of which idle ${(idle / 1000).toFixed(0)} ms; % of the busy time:`);
for (const [key, us] of [...self]
  .filter(([k]) => k !== "(idle)")
  .sort((a, b) => b[1] - a[1])
  .slice(0, top))
  console.log(`${((100 * us) / (total - idle)).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
