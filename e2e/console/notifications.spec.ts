// Settings > Notifications in Chromium against a real SMTP relay (smtp-server) and a real webhook
// receiver that verifies signatures (both started here): an administrator reaches the page and fills the
// Email section with the keyboard only, sees field messages for bad addresses and ports, saves, sends a
// test email that arrives, and Check now sends the warning of a token near expiry; adds a webhook whose
// test event verifies with the secret shown once and not after Rotate secret; a viewer reads only; axe 0.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DAY_MS } from "@/lib/tokens";
import { apiClient, seedTokens } from "../support/api";
import { expectNoAxeViolations } from "../support/axe";
import { STORAGE_STATE } from "../support/env";
import { startSmtpRelay, type SmtpRelay } from "../support/smtp";
import { storedToken } from "../support/lifecycle";
import { oneTimeModal, PAGE_PATH, uniqueIssuedTo } from "../support/tokens";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

test.describe.configure({ mode: "serial", timeout: 120_000 });

let relay: SmtpRelay;
let receiver: WebhookReceiver;
test.beforeAll(async () => {
  relay = await startSmtpRelay();
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await (relay as SmtpRelay | undefined)?.stop();
  await (receiver as WebhookReceiver | undefined)?.stop();
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

    // Notify on the token's page: its own team is told too, from the next warning on.
    await page.goto(`${PAGE_PATH}/${token!.publicId}`);
    await page.getByRole("button", { name: "Edit description and addresses" }).click();
    await page.getByRole("textbox", { name: "Notify" }).fill("owner@example.com, not-an-address");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText('"not-an-address" is not an email address')).toBeVisible();
    await page.getByRole("textbox", { name: "Notify" }).fill("Owner@example.com");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("definition").filter({ hasText: "owner@example.com" })).toBeVisible();

    // Rotate starts from the token's addresses and can change them for the new token.
    await page.getByRole("button", { name: `Rotate ${token!.publicId}` }).click();
    const rotate = page.getByRole("dialog", { name: "Rotate service token" });
    const notify = rotate.getByRole("textbox", { name: "Notify" });
    await expect(notify).toHaveValue("owner@example.com");
    await notify.fill("owner@example.com\nteam@example.com");
    await rotate.getByRole("button", { name: "Rotate", exact: true }).click();
    const modal = oneTimeModal(page);
    await modal.getByRole("button", { name: "Copy" }).click();
    await modal.getByRole("button", { name: "Done" }).click();
    await expect(modal).toBeHidden();
    const successor = (await storedToken(token!.publicId))?.replacedByPublicId;
    expect((await storedToken(successor!))?.notifyEmails).toBe("owner@example.com\nteam@example.com");
  });

  test("adds a webhook, whose signature verifies with the secret shown once and not after Rotate secret", async ({ page }) => {
    await page.goto(PATH);
    await tabTo(page, page.getByRole("button", { name: "Add webhook" }));
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Add webhook" });
    await expect(dialog.getByRole("textbox", { name: "URL" })).toBeFocused();
    await page.keyboard.type("http://169.254.169.254/latest/meta-data");
    await page.keyboard.press("Enter");
    await expect(dialog.getByText("Link-local addresses (169.254.0.0/16, fe80::/10) are refused")).toBeVisible();
    await expect(dialog.getByRole("checkbox", { name: /token\.expiring/ })).toBeChecked();
    await dialog.getByRole("textbox", { name: "URL" }).fill(receiver.url);
    await page.keyboard.press("Enter");

    const secretDialog = page.getByRole("dialog", { name: "Webhook signing secret" });
    const secret = (await secretDialog.getByLabel("Signing secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole("button", { name: "Copy" }).click();
    await expect(secretDialog.getByRole("status")).toHaveText("Copied.");
    await secretDialog.getByRole("button", { name: "Done" }).click();
    await expect(secretDialog).toBeHidden();
    receiver.secret = secret;

    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: receiver.url }) });
    await card.getByRole("button", { name: `Send test to ${receiver.url}` }).click();
    await expect(card.getByRole("status").filter({ hasText: "Test delivered: The receiver answered 200." })).toBeVisible();
    expect(receiver.received.at(-1)).toMatchObject({ type: "webhook.test", verified: true });

    await card.getByRole("button", { name: `Rotate secret of ${receiver.url}` }).click();
    await page
      .getByRole("alertdialog", { name: "Rotate signing secret?" })
      .getByRole("button", { name: "Rotate secret" })
      .click();
    const rotated = page.getByRole("dialog", { name: "Webhook signing secret" });
    const newSecret = (await rotated.getByLabel("Signing secret").textContent())!;
    expect(newSecret).not.toBe(secret);
    await rotated.getByRole("button", { name: "Done" }).click();
    await expect(rotated.getByText("You have not copied the secret")).toBeVisible();
    await rotated.getByRole("button", { name: "Close without copying" }).click();

    await card.getByRole("button", { name: `Send test to ${receiver.url}` }).click();
    await expect(card.getByRole("status").filter({ hasText: "Test failed: The receiver answered 401" })).toBeVisible();
    expect(receiver.received.at(-1)).toMatchObject({ verified: false });
    await expect(card.getByRole("cell", { name: "401", exact: true })).toBeVisible();
    await expect(card.getByRole("cell", { name: "200", exact: true })).toBeVisible();

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

  test("thresholds saved here reach the API's Deprecation header at once", async ({ page, baseURL }) => {
    // Saved by a server action in the pages worker, read by the Bearer API on the main thread, which
    // would otherwise read them again only after a minute.
    const [token] = await seedTokens([
      { type: "CONNECTOR", issuedTo: uniqueIssuedTo("Warned"), expiresAt: new Date(Date.now() + 10 * DAY_MS) },
    ]);
    const deprecation = async () => (await apiClient(baseURL!)("/api/v1/token", { token: token!.token })).headers.deprecation;
    const when = page.getByRole("region", { name: "When" });
    const save = async (days: string) => {
      await page.goto(PATH);
      await when.getByRole("textbox", { name: "Warn before expiry (days)" }).fill(days);
      await when.getByRole("button", { name: "Save" }).click();
      await expect(when.getByRole("status").filter({ hasText: "saved" })).toBeVisible();
    };
    try {
      expect(await deprecation()).toBeDefined();
      await save("5, 1");
      await expect.poll(deprecation, { timeout: 3_000 }).toBeUndefined();
    } finally {
      await save("30, 7, 1");
    }
    await expect.poll(deprecation, { timeout: 3_000 }).toBeDefined();
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
