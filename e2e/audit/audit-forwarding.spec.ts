// Settings > Audit Forwarding in Chromium against a real rsyslog: an administrator adds destinations
// with the keyboard only, sees field-specific messages, sends a test event, sees the TLS handshake fail
// in words with a wrong CA, and finds the console's events arriving; a viewer reads only; axe at 0.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe";
import { STORAGE_STATE } from "../support/env";
import { rsyslogUnavailable, startRsyslog, type Rsyslog } from "../support/rsyslog";
import { createAndClose, PAGE_PATH, uniqueIssuedTo } from "../support/tokens";
import { needs } from "../support/needs";

needs(rsyslogUnavailable());
test.describe.configure({ mode: "serial", timeout: 180_000 });

let rsyslog: Rsyslog;
test.beforeAll(async () => {
  rsyslog = await startRsyslog();
});
test.afterAll(async () => {
  await (rsyslog as Rsyslog | undefined)?.destroy();
});

const PATH = "/settings/audit-forwarding";

/** Tabs until the element has focus (keyboard only), at most `max` presses. */
async function tabTo(page: Page, locator: ReturnType<Page["getByRole"]>, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with Tab");
}

test.describe("as an administrator", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("adds a TCP destination with the keyboard only, and the console's events arrive in CEF", async ({ page }) => {
    await page.goto(PAGE_PATH);
    const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit Forwarding" });
    await tabTo(page, nav);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Audit Forwarding", level: 1 })).toBeVisible();

    await tabTo(page, page.getByRole("button", { name: "Add destination" }));
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Add audit destination" });
    await expect(dialog.getByRole("textbox", { name: "Name" })).toBeFocused();
    await page.keyboard.type("SOC rsyslog");
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("combobox", { name: "Protocol" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("combobox", { name: "Format" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.type("not a host!");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("70000");
    await page.keyboard.press("Enter");
    await expect(dialog.getByRole("textbox", { name: "Host" })).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText("Enter a host name (letters, digits, hyphens and dots) or an IP address")).toBeVisible();
    await expect(dialog.getByText("Enter a port from 1 to 65535.")).toBeVisible();

    await dialog.getByRole("textbox", { name: "Host" }).focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("127.0.0.1");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(String(rsyslog.ports.tcp));
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();

    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "SOC rsyslog" }) });
    await expect(card).toContainText(`TCP 127.0.0.1:${rsyslog.ports.tcp} · CEF`);
    await card.getByRole("button", { name: "Send test event to SOC rsyslog" }).press("Enter");
    await expect(card.getByRole("status")).toContainText("Test event delivered: The receiver at 127.0.0.1");
    await rsyslog.waitFor((lines) =>
      lines.some((l) => l.includes("CEF:0|OPSWAT|Service Tokens Console|1.0|audit_forwarding.test_event|")),
    );

    await page.goto(PAGE_PATH);
    const { publicId } = await createAndClose(page, { issuedTo: uniqueIssuedTo("Forwarded"), type: "Connector" });
    const lines = await rsyslog.waitFor((l) => l.some((x) => x.includes(`cs1=${publicId}`)));
    const created = lines.find((l) => l.includes(`cs1=${publicId}`))!;
    expect(created).toMatch(/^<133>1 \S+Z \S+ service-tokens - service_token\.create - CEF:0\|/);
    expect(created).toMatch(/ cs3=[0-9a-f]{64} cs3Label=Event Hash /);

    await page.goto(PATH);
    await expect(card.getByText(/^Delivering: /)).toBeVisible({ timeout: 15_000 });
  });

  test("a wrong CA shows the failed TLS handshake in words; Edit fixes it; Remove asks first", async ({ page }) => {
    await page.goto(PATH);
    await page.getByRole("button", { name: "Add destination" }).click();
    const dialog = page.getByRole("dialog", { name: "Add audit destination" });
    await dialog.getByRole("textbox", { name: "Name" }).fill("SOC over TLS");
    await dialog.getByRole("combobox", { name: "Protocol" }).selectOption("TLS");
    await dialog.getByRole("combobox", { name: "Format" }).selectOption("JSON");
    await dialog.getByRole("textbox", { name: "Host" }).fill("127.0.0.1");
    await dialog.getByRole("spinbutton", { name: "Port" }).fill(String(rsyslog.ports.tls));
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText("TLS needs the CA certificate that signed the receiver's certificate.")).toBeVisible();
    await dialog
      .getByRole("textbox", { name: "CA certificate" })
      .fill("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText("The CA certificate could not be read")).toBeVisible();
    await dialog.getByRole("textbox", { name: "CA certificate" }).fill(rsyslog.certificates.wrongCa);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();

    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "SOC over TLS" }) });
    await card.getByRole("button", { name: "Send test event to SOC over TLS" }).click();
    await expect(card.getByRole("status")).toHaveText(
      "Test event failed: TLS handshake failed: the receiver's certificate is not signed by the CA certificate given.",
    );
    await expect(async () => {
      await page.reload();
      await expect(card.getByText(/^Failing since/)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(card).toContainText(
      "TLS handshake failed: the receiver's certificate is not signed by the CA certificate given.",
    );
    await expectNoAxeViolations(page, "Audit Forwarding with a failing destination");

    await card.getByRole("button", { name: "Edit SOC over TLS" }).click();
    const edit = page.getByRole("dialog", { name: "Edit audit destination" });
    await expect(edit.getByRole("textbox", { name: "CA certificate" })).toHaveValue(rsyslog.certificates.wrongCa.trim());
    await expectNoAxeViolations(page, "Edit audit destination");
    await edit.getByRole("textbox", { name: "CA certificate" }).fill(rsyslog.certificates.ca);
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await expect(async () => {
      await page.reload();
      await expect(card.getByText(/^Delivering: /)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });

    await card.getByRole("button", { name: "Remove SOC over TLS" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Remove audit destination?" });
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByRole("heading", { name: "SOC over TLS" })).toHaveCount(0);
  });

  test("the page and the Add dialog have no axe violations", async ({ page }) => {
    await page.goto(PATH);
    await expect(page.getByRole("heading", { name: "Audit Forwarding", level: 1 })).toBeVisible();
    await expectNoAxeViolations(page, "Audit Forwarding");
    await page.getByRole("button", { name: "Add destination" }).click();
    await page
      .getByRole("dialog", { name: "Add audit destination" })
      .getByRole("combobox", { name: "Protocol" })
      .selectOption("TLS");
    await expectNoAxeViolations(page, "Add audit destination (TLS)");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: STORAGE_STATE.viewer });

  test("reads the destinations and settings, changes nothing", async ({ page }) => {
    await page.goto(PATH);
    await expect(page.getByText("Only administrators can change where the audit trail is sent.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add destination" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Edit / })).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "APP-NAME" })).toHaveAttribute("readonly", "");
  });
});
