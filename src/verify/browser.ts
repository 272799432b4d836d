// The Chromium `coursewright verify` drives: one already installed on the machine ($CHROMIUM_PATH, else
// Debian's /usr/bin/chromium), headless, with a fresh profile that is removed afterwards. Nothing here
// ever downloads a browser.
import fs from "node:fs";
import { chromium, type BrowserContext } from "playwright-core";
import { makeTempDir, removeTempDir } from "./temp-dirs.js";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The executable verify would use, and whether it exists. */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): { path: string; exists: boolean } {
  const exe = env["CHROMIUM_PATH"] || DEFAULT_CHROMIUM;
  let exists = false;
  try {
    exists = fs.statSync(exe).isFile();
  } catch {
    exists = false;
  }
  return { path: exe, exists };
}

export interface VerifyBrowser {
  readonly context: BrowserContext;
  readonly executable: string;
  close(): Promise<void>;
}

export async function launchChromium(executable: string): Promise<VerifyBrowser> {
  const profile = makeTempDir("coursewright-verify-chromium-");
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: executable, headless: true, args: FLAGS });
    return {
      context,
      executable,
      async close() {
        await context.close().catch(() => undefined);
        removeTempDir(profile);
      },
    };
  } catch (err) {
    removeTempDir(profile);
    throw err;
  }
}
