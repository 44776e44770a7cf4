// Runs in the browser before the console's client code. zod compiles object parsers with `new Function`
// where a page allows eval, and finds out by calling Function(""), which the Content-Security-Policy
// (no 'unsafe-eval') reports as a violation even though zod catches the error. Parsing without compiling
// avoids the probe; the schemas the dialogs check are small.
import { z } from "zod";

z.config({ jitless: true });
