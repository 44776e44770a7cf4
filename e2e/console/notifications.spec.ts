// Settings > Notifications in Chromium against a real SMTP relay (smtp-server, started here): an
// administrator reaches the page and fills the Email section with the keyboard only, sees field
// messages for bad addresses and ports, saves, sends a test email that arrives, and Check now sends the
// warning of a token near expiry; a viewer reads only; axe at 0.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DAY_MS } from "@/lib/tokens";
import { seedTokens } from "../support/api";
import { expectNoAxeViolations } from "../support/axe";
import { STORAGE_STATE } from "../support/env";
import { startSmtpRelay, type SmtpRelay } from "../support/smtp";
import { PAGE_PATH, uniqueIssuedTo } from "../support/tokens";

test.describe.configure({ mode: "serial", timeout: 120_000 });

let relay: SmtpRelay;
test.beforeAll(async () => {
  relay = await startSmtpRelay();
});
test.afterAll(async () => {
  await (relay as SmtpRelay | undefined)?.stop();
});

const PATH = "/settings/notifications";

/** Tabs until the element has focus (keyboard only), at most `max` presses. */
async function tabTo(page: Page, locator: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with Tab");
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

test.describe("as an administrator", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("sets up email with the keyboard only, sends a test email, and Check now warns about a token", async ({ page }) => {
    await page.goto(PAGE_PATH);
    await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();

    const email = page.getByRole("region", { name: "Email" });
    await typeInto(page, email.getByRole("textbox", { name: "SMTP host" }), "127.0.0.1");
    await typeInto(page, email.getByRole("textbox", { name: "SMTP port" }), "70000");
    await tabTo(page, email.getByRole("combobox", { name: "Security" }));
    await page.keyboard.press("ArrowUp"); // STARTTLS to None: the relay here speaks plain SMTP
    await expect(email.getByRole("combobox", { name: "Security" })).toHaveValue("NONE");
    await typeInto(page, email.getByRole("textbox", { name: "From" }), "console@example.com");
    await typeInto(page, email.getByRole("textbox", { name: "Recipients" }), "ops@example.com\nnot an address");
    await tabTo(page, email.getByRole("button", { name: "Save" }));
    await page.keyboard.press("Enter");
    await expect(email.getByRole("textbox", { name: "SMTP port" })).toHaveAttribute("aria-invalid", "true");
    await expect(email.getByText("Enter a port from 1 to 65535.")).toBeVisible();
    await expect(email.getByText("Line 2 is not an email address")).toBeVisible();

    await typeInto(page, email.getByRole("textbox", { name: "SMTP port" }), String(relay.port));
    await typeInto(page, email.getByRole("textbox", { name: "Recipients" }), "ops@example.com\nteam@example.com");
    await tabTo(page, email.getByRole("button", { name: "Save" }));
    await page.keyboard.press("Enter");
    await expect(email.getByRole("status").filter({ hasText: "Email settings saved." })).toBeVisible();

    await tabTo(page, email.getByRole("button", { name: "Send test email" }));
    await page.keyboard.press("Enter");
    await expect(email.getByRole("status").filter({ hasText: "Test email sent. The relay accepted it: 250" })).toBeVisible();
    await relay.waitFor((mails) => mails.some((m) => m.subject === "Test email from the Service Tokens console"));
    expect(relay.received.find((m) => m.subject.startsWith("Test email"))!.to).toEqual(["ops@example.com", "team@example.com"]);

    // A token with 5 days left crosses the 7-day threshold: Check now tells its recipients once.
    const issuedTo = uniqueIssuedTo("Notified");
    const [token] = await seedTokens([{ type: "CONNECTOR", issuedTo, expiresAt: new Date(Date.now() + 5 * DAY_MS) }]);
    const when = page.getByRole("region", { name: "When" });
    await expect(when.getByRole("textbox", { name: "Warn before expiry (days)" })).toHaveValue("30, 7, 1");
    await tabTo(page, when.getByRole("button", { name: "Check now" }));
    await page.keyboard.press("Enter");
    await expect(when.getByRole("status").filter({ hasText: /Checked: \d+ notifications? queued\./ })).toBeVisible();
    await relay.waitFor((mails) => mails.some((m) => m.subject.includes(token!.publicId)));
    const warning = relay.received.find((m) => m.subject.includes(token!.publicId))!;
    expect(warning.subject).toBe(`Service token ${token!.publicId} (${issuedTo}) expires in 5 days`);
    expect(warning.text).not.toContain(token!.token);

    await tabTo(page, when.getByRole("button", { name: "Check now" }));
    await page.keyboard.press("Enter");
    await expect(when.getByRole("status").filter({ hasText: "Checked: nothing new to tell." })).toHaveCount(1);
    await page.reload();
    await expect(
      page.getByRole("region", { name: "Recent emails" }).getByRole("cell", { name: "token.expiring" }).first(),
    ).toBeVisible();
    expect(relay.received.filter((m) => m.subject.includes(token!.publicId))).toHaveLength(1);

    await expectNoAxeViolations(page, "notifications");
  });

  test("bad thresholds and a plain-text password are refused with a clear message", async ({ page }) => {
    await page.goto(PATH);
    const when = page.getByRole("region", { name: "When" });
    await when.getByRole("textbox", { name: "Warn before expiry (days)" }).fill("30, 0");
    await when.getByRole("button", { name: "Save" }).click();
    await expect(when.getByText("Enter whole numbers of days from 1 to 365")).toBeVisible();

    const email = page.getByRole("region", { name: "Email" });
    await email.getByRole("textbox", { name: "Username" }).fill("console");
    await email.getByLabel("Password", { exact: true }).fill("relay secret");
    await email.getByRole("button", { name: "Save" }).click();
    await expect(email.getByText("With Security None the password crosses the network in plain text").first()).toBeVisible();
    await expect(email.getByRole("checkbox", { name: "Send the password to this relay without encryption" })).toBeVisible();
    await email.getByRole("textbox", { name: "Username" }).fill("");
    await email.getByLabel("Password", { exact: true }).fill("");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: STORAGE_STATE.viewer });

  test("reads the settings and changes nothing", async ({ page }) => {
    await page.goto(PATH);
    await expect(page.getByText("Only administrators can change notifications.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Email" }).getByRole("textbox", { name: "SMTP host" })).toHaveValue(
      "127.0.0.1",
    );
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Check now" })).toHaveCount(0);
    await expectNoAxeViolations(page, "notifications (viewer)");
  });
});
