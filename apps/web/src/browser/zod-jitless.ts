import { config } from 'zod';

// Imported first by every browser entry, before any schema is built: zod would otherwise probe
// `new Function` (to compile fast parsers), which the page's CSP forbids and reports as a violation.
config({ jitless: true });
