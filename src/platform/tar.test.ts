import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { readTar, TarFormatError, TarWriter } from "./tar.ts";

const dir = mkdtempSync(join(tmpdir(), "vincula-tar-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function write(path: string, entries: [string, Buffer][]): Promise<void> {
  const writer = new TarWriter(createWriteStream(path), new Date("2021-04-30T12:00:00Z"));
  for (const [name, data] of entries) await writer.add(name, data);
  await writer.close();
}

async function read(stream: Readable): Promise<[string, Buffer][]> {
  const entries: [string, Buffer][] = [];
  for await (const { name, data } of readTar(stream)) entries.push([name, data]);
  return entries;
}

describe("gzip'd tar archives", () => {
  const entries: [string, Buffer][] = [
    ["vincula-backup.json", Buffer.from('{"format":"vincula-backup"}\n')],
    ["empty", Buffer.alloc(0)],
    ["records/public.sessions/000001.jsonl", Buffer.from('{"título":"Sesión ñ"}\n'.repeat(1000))],
    ["files/ab/cdef", Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251))],
  ];

  it("reads back what it wrote, and so does the system's tar", async () => {
    const path = join(dir, "round-trip.tar.gz");
    await write(path, entries);
    expect(await read(createReadStream(path))).toEqual(entries);
    const listed = execFileSync("tar", ["-tzf", path], { encoding: "utf8" }).trim().split("\n");
    expect(listed).toEqual(entries.map(([name]) => name));
  });

  it("refuses what is not a gzip'd tar, is truncated, or has a damaged header", async () => {
    const path = join(dir, "damaged.tar.gz");
    await write(path, entries);
    const bytes = readFileSync(path);
    await expect(read(Readable.from([Buffer.from("format: vincula-dataset\n")]))).rejects.toThrow(
      TarFormatError,
    );
    await expect(read(Readable.from([bytes.subarray(0, bytes.length - 40)]))).rejects.toThrow(TarFormatError);
    // A valid gzip whose tar header was changed after its checksum was computed.
    const tar = gunzipSync(bytes);
    tar[0] = "W".charCodeAt(0);
    await expect(read(Readable.from([gzipSync(tar)]))).rejects.toThrow(/suma de verificación/);
  });

  it("fails, instead of waiting forever, when the output cannot be written (a full disk)", async () => {
    const full = new Writable({
      write: (_chunk, _encoding, callback) => callback(new Error("ENOSPC: no space left")),
    });
    const writer = new TarWriter(full);
    const written = (async () => {
      for (let i = 0; i < 100; i++)
        await writer.add(`files/${i}`, Buffer.from(Array.from({ length: 65_536 }, Math.random)));
      await writer.close();
    })();
    await expect(written).rejects.toThrow(/ENOSPC/);
  });
});
