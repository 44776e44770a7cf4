"use client";

import { signIn } from "next-auth/react";
import { useState, type SubmitEvent } from "react";
import { PendingButton } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import {
  DIRECTORY_UNREACHABLE_SIGN_IN_ERROR,
  throttledSecondsOf,
  UNAVAILABLE_SIGN_IN_ERROR,
} from "@/modules/auth/shared/sign-in-errors";
import { consoleUnreachable } from "@/components/ui/unreachable";

const INVALID = "The username or password is incorrect.";

function throttledMessage(seconds: number): string {
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? "" : "s"}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
  return `Too many failed sign-in attempts from this address. Try again in ${wait}.`;
}

/** What the form says for an error code of any sign-in (password or OpenID Connect). */
function messageFor(error: string): string {
  const waitFor = throttledSecondsOf(error);
  if (waitFor !== null) return throttledMessage(waitFor);
  if (error === "CredentialsSignin") return INVALID;
  if (error === UNAVAILABLE_SIGN_IN_ERROR)
    return "The console is unavailable: it cannot reach its database. Try again in a minute.";
  if (error === DIRECTORY_UNREACHABLE_SIGN_IN_ERROR)
    return "The directory cannot be reached. Try again in a minute; local users can still sign in.";
  return "Signing in failed. Try again; if it keeps failing, contact your administrator.";
}

function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** `returnedError`: the error code an OpenID Connect sign-in came back with (`?error=`), shown until the next attempt. */
export function SignInForm({ callbackUrl, returnedError }: { callbackUrl: string; returnedError?: string | null }) {
  const [error, setError] = useState<string | null>(returnedError ? messageFor(returnedError) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = textOf(form, "username").trim();
    const password = textOf(form, "password");
    if (!username || !password) {
      setError("Enter your username and password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { username, password, redirect: false });
      if (result?.ok && !result.error) {
        // A full navigation, so the server renders the console with the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(messageFor(result?.error ?? ""));
    } catch {
      setError(consoleUnreachable());
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {error ? (
        <Notice tone="danger" role="alert" aria-live="assertive">
          {error}
        </Notice>
      ) : null}
      <Field label="Username" htmlFor="username">
        <Input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
        />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <PendingButton type="submit" variant="primary" pending={pending} className="mt-2 w-full">
        Sign in
      </PendingButton>
    </form>
  );
}
