// Settings > Directory in Chromium against a real OpenLDAP (slapd, started here): an administrator fills
// the LDAP fields, Test connection names an unknown CA in plain words and then shows the user found and
// the role; after Save, a directory administrator signs in with their directory password and appears in
// Users with Source LDAP, a user in no group is refused like a wrong password, and with the directory
// stopped directory sign-in answers "cannot be reached" within 5 s while local sign-in still works; axe 0.
// Remove takes the settings away (after a confirmation): the user stays, their directory sign-in stops.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe";
import { needs } from "../support/needs";
import { INVALID_CREDENTIALS, signIn, signInAlert, submitSignIn } from "../support/sign-in";
import {
  ADMINS_GROUP,
  PEOPLE,
  SERVICE_DN,
  SERVICE_PASSWORD,
  slapdUnavailable,
  startSlapd,
  USERS_DN,
  VIEWERS_GROUP,
  type Slapd,
} from "../support/slapd";
import { addUser } from "../support/users";

needs(slapdUnavailable());
test.describe.configure({ mode: "serial", timeout: 120_000 });

let slapd: Slapd;
test.beforeAll(async () => {
  slapd = await startSlapd();
});
test.afterAll(async () => {
  await (slapd as Slapd | undefined)?.stop();
});

const NO_SESSION = { storageState: { cookies: [], origins: [] } };

/** The LDAP card: the OpenID Connect card beside it has fields and a Save of the same names. */
const ldap = (page: Page) => page.getByRole("region", { name: "LDAP / Active Directory" });

async function fill(page: Page, label: string, value: string) {
  await ldap(page).getByLabel(label, { exact: true }).fill(value);
}

test("an administrator sets up LDAP; directory users sign in with their group's role; an outage keeps local sign-in", async ({
  browser,
}) => {
  const admin = await addUser("ADMIN", "directory-admin");
  const context = await browser.newContext(NO_SESSION);
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signIn(page, admin);
  await page.getByRole("link", { name: "Directory" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Directory" })).toBeVisible();

  // Bad input: a message beside each field, nothing saved.
  await fill(page, "Server URL", "http://dc1");
  await ldap(page).getByRole("button", { name: "Save" }).click();
  await expect(ldap(page).getByText("The Server URL must be ldap://host[:port] or ldaps://host[:port].")).toBeVisible();
  await expect(ldap(page).getByText("Enter the Bind password of the service account.")).toBeVisible();
  await expectNoAxeViolations(page, "directory with errors");

  await fill(page, "Server URL", slapd.ldapsUrl);
  await fill(page, "CA certificate", slapd.certificates.wrongCa);
  await fill(page, "Bind DN", SERVICE_DN);
  await fill(page, "Bind password", SERVICE_PASSWORD);
  await fill(page, "User search base", USERS_DN);
  await fill(page, "User filter", "(uid={username})");
  await fill(page, "Administrators group", ADMINS_GROUP);
  await fill(page, "Viewers group", VIEWERS_GROUP);
  await fill(page, "Username to look up", "alice");
  const tested = ldap(page).getByRole("button", { name: "Test connection" });
  const testStatus = page.getByRole("status").filter({ hasText: /Connected|certificate|reached/ });
  await tested.click();
  await expect(testStatus).toHaveText("The directory's certificate comes from an unknown CA: paste that CA in CA certificate.");
  await fill(page, "CA certificate", slapd.certificates.ca);
  await tested.click();
  await expect(testStatus).toContainText("role: Administrator");
  await ldap(page).getByRole("button", { name: "Save" }).click();
  await expect(ldap(page).getByText("Saved. Directory users can sign in now.")).toBeVisible();
  await page.reload();
  await expect(ldap(page).getByLabel("Bind password", { exact: true })).toHaveValue("");
  await expect(ldap(page).getByText("Stored and never shown again; leave empty to keep it.")).toBeVisible();
  expect(await page.content()).not.toContain(SERVICE_PASSWORD);
  await expectNoAxeViolations(page, "directory");

  // A directory administrator signs in with their own password and is listed with Source LDAP.
  const alice = await browser.newContext(NO_SESSION);
  const alicePage = await alice.newPage();
  await alicePage.goto("/sign-in");
  await signIn(alicePage, { username: "alice", password: PEOPLE.alice.password, displayName: "Alice Admin" });
  await page.goto("/settings/users");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "alice", exact: true }) });
  await expect(row).toContainText("LDAP");
  await expect(row).toContainText("Administrator");

  // No group: refused exactly like a wrong password.
  const nora = await browser.newContext(NO_SESSION);
  const noraPage = await nora.newPage();
  await noraPage.goto("/sign-in");
  await submitSignIn(noraPage, "nora", PEOPLE.nora.password);
  await expect(signInAlert(noraPage)).toHaveText(INVALID_CREDENTIALS);

  // The directory stops: directory sign-in answers within 5 s, local sign-in still works.
  await slapd.stop();
  const started = Date.now();
  await submitSignIn(noraPage, "victor", PEOPLE.victor.password);
  await expect(signInAlert(noraPage)).toHaveText(
    "The directory cannot be reached. Try again in a minute; local users can still sign in.",
  );
  expect(Date.now() - started).toBeLessThan(5_000);
  await signIn(noraPage, admin);

  // Remove, after a confirmation: alice stays in Users but can no longer sign in through LDAP.
  await page.goto("/settings/directory");
  await ldap(page).getByRole("button", { name: "Remove the LDAP settings" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Remove the LDAP settings?" });
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Remove" }).click();
  await expect(ldap(page).getByText("Not set up.")).toBeVisible();
  await expect(ldap(page).getByLabel("Server URL", { exact: true })).toHaveValue("");
  await page.goto("/settings/users");
  await expect(row).toContainText("LDAP");
  // The directory is still stopped: "cannot be reached" before, a plain refusal now that none is set up.
  const later = await browser.newContext(NO_SESSION);
  const laterPage = await later.newPage();
  await laterPage.goto("/sign-in");
  await submitSignIn(laterPage, "alice", PEOPLE.alice.password);
  await expect(signInAlert(laterPage)).toHaveText(INVALID_CREDENTIALS);

  for (const c of [context, alice, nora, later]) await c.close();
});
