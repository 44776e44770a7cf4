import { withAuth } from "next-auth/middleware";

// A convenience only: it sends signed-out visitors to /sign-in with a way back. Every page, action and
// route still checks the session itself (requireUser in lib/server/auth/require-user.ts).
export default withAuth({ pages: { signIn: "/sign-in" } });

export const config = { matcher: ["/", "/settings/:path*"] };
