/**
 * A gzip-compressed tar archive (ustar), written and read as streams, one entry at a time: what `vincula backup`
 * writes, so a backup opens with any `tar -xzf`. Only plain files are written and accepted; each entry is held in
 * memory whole while it is written or read, never the whole archive.
 */
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";

const BLOCK = 512;
/** The largest entry the 11 octal digits of the size field can describe (8 GiB − 1). */
const MAX_ENTRY_BYTES = 8 ** 11 - 1;

export type TarEntry = { name: string; data: Buffer };

/** Why an archive cannot be read: not gzip, not tar, truncated, or a header that fails its checksum. */
export class TarFormatError extends Error {}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function header(name: string, size: number, modifiedAt: Date): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  if (nameBytes.length > 100) throw new Error(`Entry name longer than 100 bytes: ${name}`);
  if (size > MAX_ENTRY_BYTES) throw new Error(`Entry larger than 8 GiB: ${name}`);
  const block = Buffer.alloc(BLOCK);
  nameBytes.copy(block, 0);
  block.write(octal(0o644, 8), 100, "ascii");
  block.write(octal(0, 8), 108, "ascii");
  block.write(octal(0, 8), 116, "ascii");
  block.write(octal(size, 12), 124, "ascii");
  block.write(octal(Math.floor(modifiedAt.getTime() / 1000), 12), 136, "ascii");
  block.write("        ", 148, "ascii");
  block.write("0", 156, "ascii");
  block.write("ustar\0", 257, "ascii");
  block.write("00", 263, "ascii");
  block.write(octal(checksum(block), 7), 148, "ascii");
  block.write(" ", 155, "ascii");
  return block;
}

/** The sum of the header's bytes with its checksum field read as spaces. */
function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return sum;
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Writes entries into `output` through gzip, waiting whenever the output is full. */
export class TarWriter {
  private readonly gzip = createGzip({ level: 6 });
  private readonly finished: Promise<void>;
  /** Rejects when the output or gzip fails (a full disk), so a write waiting for room does not wait forever. */
  private readonly failed: Promise<never>;

  constructor(
    output: Writable,
    private readonly modifiedAt = new Date(),
  ) {
    this.gzip.pipe(output);
    this.failed = new Promise<never>((_, reject) => {
      output.once("error", reject);
      this.gzip.once("error", reject);
    });
    this.failed.catch(() => undefined);
    this.finished = new Promise<void>((resolve) => output.once("finish", resolve));
  }

  async add(name: string, data: Uint8Array): Promise<void> {
    await this.write(header(name, data.byteLength, this.modifiedAt));
    await this.write(data);
    const pad = padding(data.byteLength);
    if (pad > 0) await this.write(Buffer.alloc(pad));
  }

  /** Writes the two zero blocks that end a tar archive and waits until the output has every byte. */
  async close(): Promise<void> {
    await this.write(Buffer.alloc(2 * BLOCK));
    this.gzip.end();
    await Promise.race([this.finished, this.failed]);
  }

  private async write(chunk: Uint8Array): Promise<void> {
    if (!this.gzip.write(chunk)) await Promise.race([once(this.gzip, "drain"), this.failed]);
  }
}

/** Collects stream chunks and hands out exact byte counts. */
class ChunkQueue {
  private chunks: Buffer[] = [];
  private length = 0;
  private done = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Exactly `size` bytes, or `undefined` when the stream ended before any of them. */
  async take(size: number): Promise<Buffer | undefined> {
    while (this.length < size && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else {
        this.chunks.push(next.value);
        this.length += next.value.length;
      }
    }
    if (this.length === 0 && size > 0) return undefined;
    if (this.length < size) throw new TarFormatError("El archivo está truncado.");
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const taken = all.subarray(0, size);
    const rest = all.subarray(size);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return taken;
  }

  /** Reads the stream to its end (so gzip checks its trailer), discarding what is left. */
  async drain(): Promise<void> {
    while (!(await this.source.next()).done) {}
    this.chunks = [];
    this.length = 0;
  }
}

function readOctal(block: Buffer, offset: number, width: number): number {
  const text = block
    .subarray(offset, offset + width)
    .toString("ascii")
    .replace(/[\0 ]+$/, "")
    .trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError("Encabezado de entrada no válido.");
  return text === "" ? 0 : Number.parseInt(text, 8);
}

/** The entries of a gzip'd tar archive, in order; fails with TarFormatError on anything but plain files. */
export async function* readTar(input: Readable): AsyncGenerator<TarEntry> {
  const gunzip = createGunzip();
  input.once("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const queue = new ChunkQueue(gunzip[Symbol.asyncIterator]());
  try {
    for (;;) {
      const block = await queue.take(BLOCK);
      if (!block) throw new TarFormatError("El archivo termina sin el final del archivo tar.");
      if (block.every((byte) => byte === 0)) {
        await queue.drain();
        return;
      }
      if (readOctal(block, 148, 8) !== checksum(block))
        throw new TarFormatError("Un encabezado del archivo tar no cuadra con su suma de verificación.");
      const type = block.toString("ascii", 156, 157);
      if (type !== "0" && type !== "\0")
        throw new TarFormatError(`Entrada de tipo «${type}» inesperada: solo se admiten archivos.`);
      const name = block.toString("utf8", 0, 100).replace(/\0.*$/s, "");
      const size = readOctal(block, 124, 12);
      const data = size === 0 ? Buffer.alloc(0) : await queue.take(size);
      if (!data) throw new TarFormatError("El archivo está truncado.");
      if (padding(size) > 0) await queue.take(padding(size));
      yield { name, data: Buffer.from(data) };
    }
  } catch (error) {
    if (error instanceof TarFormatError) throw error;
    // zlib: «incorrect header check», «invalid distance», «unexpected end of file» …
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("Z_"))
      throw new TarFormatError(`No es un archivo gzip válido o está dañado (${(error as Error).message}).`);
    throw error;
  } finally {
    input.unpipe(gunzip);
    gunzip.destroy();
    input.destroy();
  }
}
