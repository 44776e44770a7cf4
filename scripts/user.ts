// npm run user -- <command>: manage the console's administrators and viewers from the appliance shell.
import {
  createUser,
  disconnectDb,
  errorLine,
  generatePassword,
  getConfig,
  listUsers,
  migrateDatabase,
  parseRole,
  setPassword,
  setRole,
  UserInputError,
} from "@console/server/core";

const USAGE = `Usage: npm run user -- <command>

  add <username> [--role ADMIN|VIEWER] [--name "Display Name"]   add a user (role defaults to VIEWER)
  set-password <username>                                       set a new password
  set-role <username> <ADMIN|VIEWER>                             change a user's role
  list                                                          list users

The password is read from standard input when it is not a terminal (echo "$PW" | npm run user -- add bob),
otherwise a strong random password is generated and printed once.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new UserInputError(`${name} needs a value.`);
  args.splice(i, 2);
  return value;
}

async function readPassword(): Promise<{ password: string; generated: boolean }> {
  if (process.stdin.isTTY) return { password: generatePassword(), generated: true };
  let input = "";
  process.stdin.setEncoding("utf8"); // decodes characters split across chunks
  for await (const chunk of process.stdin as AsyncIterable<string>) input += chunk;
  const password = input.replace(/\r?\n$/, "");
  if (!password) return { password: generatePassword(), generated: true };
  return { password, generated: false };
}

async function run(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  const config = getConfig();
  await migrateDatabase(config.provider, config.databaseUrl);
  switch (command) {
    case "add": {
      const role = parseRole(option(args, "--role") ?? "VIEWER");
      const displayName = option(args, "--name");
      const [username, extra] = args;
      if (!username || extra) throw new UserInputError("add takes exactly one username.");
      const { password, generated } = await readPassword();
      const user = await createUser({ username, displayName, password, role });
      console.log(`Added ${user.role} "${user.username}".${generated ? ` Password (shown once): ${password}` : ""}`);
      return;
    }
    case "set-password": {
      const [username, extra] = args;
      if (!username || extra) throw new UserInputError("set-password takes exactly one username.");
      const { password, generated } = await readPassword();
      await setPassword(username, password);
      console.log(
        `Set the password of "${username.toLowerCase()}".${generated ? ` New password (shown once): ${password}` : ""}`,
      );
      return;
    }
    case "set-role": {
      const [username, role, extra] = args;
      if (!username || !role || extra) throw new UserInputError("set-role takes a username and a role.");
      await setRole(username, parseRole(role));
      console.log(`"${username.toLowerCase()}" is now ${parseRole(role)}.`);
      return;
    }
    case "list": {
      for (const u of await listUsers()) {
        const last = u.lastSignInAt ? u.lastSignInAt.toISOString() : "never";
        console.log(`${u.username.padEnd(24)} ${u.role.padEnd(7)} ${u.displayName}  (last sign-in: ${last})`);
      }
      return;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return;
    default:
      throw new UserInputError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

run(process.argv.slice(2))
  .then(() => disconnectDb())
  .catch(async (error: unknown) => {
    console.error(error instanceof UserInputError ? `error: ${error.message}` : `error: ${errorLine(error)}`);
    await disconnectDb().catch(() => {});
    process.exit(1);
  });
