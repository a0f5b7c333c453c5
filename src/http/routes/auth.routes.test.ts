import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, PASSWORD, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCommission, uniqueKey, writeDirectly } from "../../../tests/support/factories.ts";
import { accounts, authSessions } from "../../platform/db/schema.ts";

describeEachEngine("accounts, sign-in and tokens over HTTP", (t) => {
  let testApp: TestApp;
  let commissionId: string;
  beforeAll(async () => {
    testApp = await openTestApp(t.database);
    commissionId = (await buildCommission(t.context)).id;
  });
  afterAll(async () => testApp?.close());

  const anonymous = { authorization: "" };
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    testApp.app.inject({ method: "POST", url: `/api/v1${url}`, payload: payload as object, headers });
  const get = (url: string, headers: Record<string, string> = {}) =>
    testApp.app.inject({ method: "GET", url: `/api/v1${url}`, headers });

  it("signs in with a secure cookie, says who is signed in, and signs out", async () => {
    const session = await testApp.signIn([{ commissionId, role: "commission_member", areaId: null }]);
    const response = await post(
      "/auth/sign-in",
      { username: session.username, password: PASSWORD },
      anonymous,
    );
    const cookie = response.headers["set-cookie"] as string;
    expect(cookie).toMatch(/^vincula_session=vs_[\w-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("Secure"); // plain HTTP here; Secure behind HTTPS
    const stored = await t.context.db.select().from(authSessions);
    expect(stored.some((s) => cookie.includes(s.tokenHash))).toBe(false); // only the hash is kept

    const me = await get("/auth/me", { ...anonymous, cookie: session.cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: session.username, isAdministrator: false });
    expect(me.json().permissions).toContain("reports.approve");
    expect(me.json().permissions).not.toContain("records.write");
    // A new tab of the same browser learns the session's CSRF token from /auth/me.
    expect(me.json().csrfToken).toBe(session.csrf);

    const out = await post(
      "/auth/sign-out",
      {},
      { ...anonymous, cookie: session.cookie, "x-csrf-token": session.csrf },
    );
    expect(out.statusCode).toBe(204);
    expect((await get("/auth/me", { ...anonymous, cookie: session.cookie })).statusCode).toBe(401);
    expect((await get("/sessions", { ...anonymous, cookie: session.cookie })).statusCode).toBe(401);
  });

  it("answers a wrong password and an unknown user alike, in Spanish", async () => {
    const session = await testApp.signIn([{ commissionId, role: "guest", areaId: null }]);
    const wrong = await post(
      "/auth/sign-in",
      { username: session.username, password: "no es esta" },
      anonymous,
    );
    const unknown = await post(
      "/auth/sign-in",
      { username: uniqueKey("nadie"), password: "no es esta" },
      anonymous,
    );
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        code: "unauthenticated",
        detail: "Usuario o contraseña incorrectos.",
      });
    }
    const malformed = await post("/auth/sign-in", { username: 3 }, anonymous);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe("validation_failed");
  });

  it("creates an account with a provisional password that must be changed before anything else", async () => {
    const username = uniqueKey("nueva").toLowerCase();
    const created = await post("/accounts", {
      username,
      name: "Persona Nueva",
      email: "nueva@example.org",
      roles: [{ commissionId, role: "technical_secretariat" }],
    });
    expect(created.statusCode).toBe(201);
    const provisional = created.json().oneTimePassword as string;
    expect(provisional).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    expect(JSON.stringify(created.json())).not.toContain("argon2");

    const signedIn = await post("/auth/sign-in", { username, password: provisional }, anonymous);
    expect(signedIn.json().mustChangePassword).toBe(true);
    const cookie = `vincula_session=${signedIn.cookies[0]?.value}`;
    const csrf = signedIn.json().csrfToken as string;
    const held = await get("/sessions", { ...anonymous, cookie });
    expect(held.statusCode).toBe(403);
    expect(held.json().code).toBe("password_change_required");

    const tooShort = await post(
      "/auth/password",
      { currentPassword: provisional, newPassword: "corta" },
      { ...anonymous, cookie, "x-csrf-token": csrf },
    );
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].path).toBe("newPassword");
    const changed = await post(
      "/auth/password",
      { currentPassword: provisional, newPassword: "una contraseña larga y mía" },
      { ...anonymous, cookie, "x-csrf-token": csrf },
    );
    expect(changed.statusCode).toBe(204);
    expect((await get("/sessions", { ...anonymous, cookie })).statusCode).toBe(200);
    expect((await post("/auth/sign-in", { username, password: provisional }, anonymous)).statusCode).toBe(
      401,
    );
  });

  it("keeps account administration to administrators and refuses demoting the last one", async () => {
    const secretariat = await testApp.tokenFor([
      { commissionId, role: "technical_secretariat", areaId: null },
    ]);
    const refused = await get("/accounts", { authorization: `Bearer ${secretariat}` });
    expect(refused.statusCode).toBe(403);
    const list = await get("/accounts");
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toMatch(/passwordHash|argon2/i);

    const liaison = await post("/accounts", {
      username: uniqueKey("enlace").toLowerCase(),
      name: "Enlace sin área",
      roles: [{ commissionId, role: "area_liaison" }],
    });
    expect(liaison.statusCode).toBe(400);
    expect(liaison.json().errors[0].path).toBe("roles[0].areaId");

    // Every administrator but one is demoted; the last one cannot be.
    const admins = (
      list.json().items as { id: string; isAdministrator: boolean; isActive: boolean }[]
    ).filter((a) => a.isAdministrator && a.isActive);
    const [last, ...others] = admins;
    for (const other of others)
      await writeDirectly(t.context, (tx) =>
        tx.update(accounts).set({ isAdministrator: false }).where(eq(accounts.id, other.id)),
      );
    const demoted = await testApp.app.inject({
      method: "PATCH",
      url: `/api/v1/accounts/${last?.id}`,
      payload: { isAdministrator: false },
    });
    expect(demoted.statusCode).toBe(409);
    expect(demoted.json().detail).toContain("única cuenta de administración");
    for (const other of others)
      await writeDirectly(t.context, (tx) =>
        tx.update(accounts).set({ isAdministrator: true }).where(eq(accounts.id, other.id)),
      );
  });

  it("resets a password: provisional password, unlocked, every session closed", async () => {
    const session = await testApp.signIn([{ commissionId, role: "guest", areaId: null }]);
    const account = await t.context.db.query.accounts.findFirst({
      where: eq(accounts.username, session.username),
    });
    const reset = await post(`/accounts/${account?.id}/password-reset`, {});
    expect(reset.statusCode).toBe(200);
    expect((await get("/auth/me", { ...anonymous, cookie: session.cookie })).statusCode).toBe(401);
    const again = await post(
      "/auth/sign-in",
      { username: session.username, password: reset.json().oneTimePassword },
      anonymous,
    );
    expect(again.json().mustChangePassword).toBe(true);
  });

  it("issues tokens limited to the account's permissions, and refuses them once revoked or expired", async () => {
    const session = await testApp.signIn([{ commissionId, role: "commission_member", areaId: null }]);
    const account = await t.context.db.query.accounts.findFirst({
      where: eq(accounts.username, session.username),
    });
    const beyond = await post(`/accounts/${account?.id}/tokens`, {
      name: "tablero",
      scopes: ["records.write"],
    });
    expect(beyond.statusCode).toBe(400);
    const issued = await post(`/accounts/${account?.id}/tokens`, {
      name: "tablero",
      scopes: ["sessions.read"],
      expiresInDays: 30,
    });
    expect(issued.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${issued.json().token}` };
    expect((await get("/sessions", bearer)).statusCode).toBe(200);
    // The account may read records, the token may not.
    expect((await get("/activities", bearer)).statusCode).toBe(403);
    const listed = await get(`/accounts/${account?.id}/tokens`);
    expect(JSON.stringify(listed.json())).not.toContain(issued.json().token);

    const revoked = await testApp.app.inject({
      method: "DELETE",
      url: `/api/v1/api-tokens/${issued.json().apiToken.id}`,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await get("/sessions", bearer);
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain("ficha de acceso");
    expect((await get("/sessions", { authorization: "Bearer vt_inventada" })).statusCode).toBe(401);
  });

  it("signs out everywhere an account that is deactivated", async () => {
    const session = await testApp.signIn([{ commissionId, role: "guest", areaId: null }]);
    const account = await t.context.db.query.accounts.findFirst({
      where: eq(accounts.username, session.username),
    });
    const off = await testApp.app.inject({
      method: "PATCH",
      url: `/api/v1/accounts/${account?.id}`,
      payload: { isActive: false },
    });
    expect(off.json().isActive).toBe(false);
    expect((await get("/auth/me", { ...anonymous, cookie: session.cookie })).statusCode).toBe(401);
    const signIn = await post("/auth/sign-in", { username: session.username, password: PASSWORD }, anonymous);
    expect(signIn.statusCode).toBe(401);
  });
});
