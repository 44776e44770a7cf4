// Users made for one test, through the real users command against the console's database, so a test
// that locks or signs out a user never disturbs another (or its own retry).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { e2eEnv, type E2eUser } from "./env";

export async function addUser(role: "ADMIN" | "VIEWER", prefix = "e2e"): Promise<E2eUser> {
  const suffix = randomBytes(4).toString("hex");
  const user = {
    username: `${prefix}-${suffix}`,
    password: `passphrase ${suffix} ${suffix}`,
    displayName: `${prefix} ${suffix}`,
  };
  const { userCli, dataDir } = e2eEnv();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;

  const child = spawn(process.execPath, [userCli, "add", user.username, "--role", role, "--name", user.displayName], {
    env,
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(`${user.password}\n`);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`Could not add the e2e user ${user.username}: ${stderr.trim()}`);
  return user;
}
