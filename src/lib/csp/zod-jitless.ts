/**
 * Zod compiles fast validators with `new Function` when it may, and probes for that by calling
 * `Function('')` the first time an object schema parses. The site's Content-Security-Policy forbids
 * eval (src/lib/csp/policy.ts), so in the browser the probe is a reported violation. Import this
 * module (for its effect) before any schema of a module that also runs in the page: Zod then
 * validates without compiling and never probes.
 */
import { z } from 'astro/zod';

z.config({ jitless: true });
