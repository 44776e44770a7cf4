// Signs in as the administrator and the viewer through the real sign-in form, once, and saves each
// browser state for the specs (test.use({ storageState: STORAGE_STATE.admin })).
import { expect, test as setup } from "@playwright/test";
import { e2eEnv, STORAGE_STATE } from "./env";
import { signIn } from "./sign-in";

for (const role of ["admin", "viewer"] as const) {
  setup(`sign in as the ${role}`, async ({ page }) => {
    await page.goto("/sign-in");
    await signIn(page, e2eEnv().users[role]);
    await expect(page).toHaveURL(/\/settings\/service-tokens$/);
    await page.context().storageState({ path: STORAGE_STATE[role] });
  });
}
