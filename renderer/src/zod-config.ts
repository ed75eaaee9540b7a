import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to. The renderer's CSP forbids
// eval, and even zod's guarded probe would be reported as a CSP violation, so switch it off first.
z.config({ jitless: true });
