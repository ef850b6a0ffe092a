export { webPlugin, DEFAULT_MAX_UPLOAD_BYTES, type WebOptions } from './plugin.js';
export { webServeOptions } from './serve-options.js';
export { adminDbPathFor, openAdminDb, type AdminDb } from './admin-store/admin-db.js';
export { addAccount, removeAccount, listAccounts, checkPassword, AccountError } from './admin-store/accounts.js';
export { loadKey, loadOrCreateKey, storeKey, type KeyRole } from './admin-store/authority-keys.js';
export { CONTENT_SECURITY_POLICY } from './http/security-headers.js';
export { loadAssets, ASSET_NAMES, type AssetStore } from './http/assets.js';
export type { SignInLimits } from './http/sign-in-limiter.js';
export { ElectionJobs, describeTallyJob, describeDecryptionStart, type ElectionJob } from './admin/election-jobs.js';
