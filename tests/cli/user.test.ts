import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

const DEMO = join(import.meta.dirname, "../../demo/cvoe-2021-q1.yaml");

// The use cases run on both engines in src/http/routes/auth.routes.test.ts; this checks the commands' wiring once.
describe("vincula user [pglite]", () => {
  const dir = mkdtempSync(join(tmpdir(), "vincula-user-"));
  const env = { VINCULA_DATA_DIR: dir };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("adds, lists, re-roles, resets, disables and issues tokens; refuses bad roles with exit code 3", {
    timeout: 120_000,
  }, async () => {
    expect((await runCli(["import", DEMO], env)).code).toBe(0);
    const added = await runCli(
      ["user", "add", "Ana.Perez", "--name", "Ana Pérez", "--role", "cvoe:area_liaison:deoeyg"],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(
      /Cuenta «ana\.perez» creada\. Contraseña provisional: \w{4}-\w{4}-\w{4}-\w{4}/,
    );

    const listed = await runCli(["user", "list"], env);
    expect(listed.stdout).toContain("ana.perez");
    expect(listed.stdout).toContain("Enlace de área (cvoe, deoeyg)");
    expect(listed.stdout).toContain("contraseña provisional");

    const noArea = await runCli(["user", "set-roles", "ana.perez", "--role", "cvoe:area_liaison"], env);
    expect(noArea.code).toBe(3);
    expect(noArea.stderr).toContain("roles[0].areaId");
    const unknown = await runCli(["user", "set-roles", "ana.perez", "--role", "xyz:guest"], env);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain("No existe la comisión «xyz»");

    expect(
      (await runCli(["user", "set-roles", "ana.perez", "--role", "cvoe:commission_member"], env)).code,
    ).toBe(0);
    expect((await runCli(["user", "list"], env)).stdout).toContain("Integrante de la comisión (cvoe)");

    const beyond = await runCli(
      ["user", "token", "ana.perez", "--name", "x", "--scope", "records.write"],
      env,
    );
    expect(beyond.code).toBe(3);
    const token = await runCli(
      ["user", "token", "ana.perez", "--name", "tablero", "--scope", "records.read", "--days", "30"],
      env,
    );
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^vt_[\w-]{43}$/m);

    const reset = await runCli(["user", "reset-password", "ana.perez"], env);
    expect(reset.stdout).toMatch(/Contraseña provisional de «ana\.perez»: \w{4}-/);
    expect((await runCli(["user", "disable", "ana.perez"], env)).code).toBe(0);
    expect((await runCli(["user", "list"], env)).stdout).toContain("desactivada");
    expect((await runCli(["user", "reset-password", "nadie"], env)).code).toBe(4);
  });
});
