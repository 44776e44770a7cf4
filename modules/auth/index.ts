// What other features may use of sign-in and sign-out: the user panel signs out.
export { signOutAction } from "./sign-out/actions";
