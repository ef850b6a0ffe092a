import type { Flash } from './admin-layout.js';

/**
 * One-time messages shown on the page an action redirects to (post/redirect/get), per session.
 * Kept in memory, keyed by the session's CSRF token (unique per session); never put in a URL, where
 * a crafted link could show an administrator a forged message.
 */
export class FlashMessages {
  private readonly messages = new Map<string, Flash>();

  set(sessionKey: string, flash: Flash): void {
    if (this.messages.size > 1000) this.messages.clear();
    this.messages.set(sessionKey, flash);
  }

  take(sessionKey: string): Flash | null {
    const flash = this.messages.get(sessionKey) ?? null;
    this.messages.delete(sessionKey);
    return flash;
  }
}
