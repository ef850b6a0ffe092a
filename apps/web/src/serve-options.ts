import { adminDbPathFor } from './admin-store/admin-db.js';
import type { WebOptions } from './plugin.js';

/**
 * The web's options of `ostraka board serve`, taken out of its arguments before the board reads
 * them: `--admin-db FILE` (env OSTRAKA_ADMIN_DB; default: next to `--db`) and
 * `--admin-secure-cookies` (env OSTRAKA_ADMIN_SECURE_COOKIES=1; behind a TLS proxy) and
 * `--admin-max-upload-bytes N` (env OSTRAKA_ADMIN_MAX_UPLOAD_BYTES; the admin's file uploads).
 */
export function webServeOptions(args: readonly string[], env: NodeJS.ProcessEnv = process.env): { boardArgs: string[]; web: WebOptions } {
  const boardArgs: string[] = [];
  let adminDb: string | undefined = env.OSTRAKA_ADMIN_DB;
  let secureCookies = env.OSTRAKA_ADMIN_SECURE_COOKIES === '1';
  let db: string | undefined = env.OSTRAKA_BOARD_DB;
  let maxUpload: string | undefined = env.OSTRAKA_ADMIN_MAX_UPLOAD_BYTES;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--admin-db') {
      adminDb = inline ?? args[++i];
      continue;
    }
    if (flag === '--admin-secure-cookies') {
      secureCookies = true;
      continue;
    }
    if (flag === '--admin-max-upload-bytes') {
      maxUpload = inline ?? args[++i];
      continue;
    }
    if (flag === '--db') db = inline ?? args[i + 1];
    boardArgs.push(arg);
  }
  const web: WebOptions = { adminDb: adminDb ?? adminDbPathFor(db ?? './board.sqlite'), secureCookies };
  if (maxUpload === undefined) return { boardArgs, web };
  if (!/^[1-9][0-9]{0,15}$/.test(maxUpload)) throw new Error(`--admin-max-upload-bytes: expected a positive number of bytes, got "${maxUpload}"`);
  return { boardArgs, web: { ...web, maxUploadBytes: Number(maxUpload) } };
}
