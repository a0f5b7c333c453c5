import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("trusts no proxy unless told which", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ VINCULA_TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ VINCULA_TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ VINCULA_TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ VINCULA_TRUST_PROXY: "127.0.0.1, 10.0.0.0/8,::1, loopback" }).trustProxy).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "loopback",
    ]);
  });

  it("refuses a proxy that is not an address, a network or a hop count, in Spanish", () => {
    expect(() => loadConfig({ VINCULA_TRUST_PROXY: "proxy.example.org" })).toThrow(ConfigError);
    expect(() => loadConfig({ VINCULA_TRUST_PROXY: "10.0.0.0/33" })).toThrow(
      /VINCULA_TRUST_PROXY: «10.0.0.0\/33»/,
    );
  });
});
