// Tests read zips with the same reader `coursewright verify` uses.
export { readZip, zipEntries, type ZipEntry } from "../../src/package/read-zip.js";
