// The real sync server (`nc-server`), serving the built web app, on 127.0.0.1.
//
// `cargo xtask test` passes the binary and the built app: NC_SERVER_BIN and NC_WEB_DIST.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const repo = resolve(import.meta.dirname, "../../..");

export const serverBin = process.env.NC_SERVER_BIN ?? join(repo, "target/debug/nc-server");
export const webDist = process.env.NC_WEB_DIST ?? join(repo, "web/dist");

export class Server {
  private child: ChildProcess | null = null;
  /** http://127.0.0.1:<port>, fixed for the server's life, across restarts. */
  url = "";
  cohortCode = "";
  private port = 0;
  private readonly dir = mkdtempSync(join(tmpdir(), "nc-browser-"));
  private log: string[] = [];

  get db(): string {
    return join(this.dir, "server.sqlite3");
  }

  /** Starts it (again, on the same port and database after `stop`). */
  async start(): Promise<void> {
    const child = spawn(
      serverBin,
      [
        "--db",
        this.db,
        "--bind",
        `127.0.0.1:${this.port}`,
        "--web-dir",
        webDist,
        "--demo-cohort",
        "Browser test cohort",
        "--log",
        "warn",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    child.stderr?.on("data", (chunk: Buffer) => this.log.push(chunk.toString()));
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`nc-server did not start:\n${this.log.join("")}`)), 20_000);
      child.on("exit", (code) => fail(new Error(`nc-server exited (${code}):\n${this.log.join("")}`)));
      lines.on("line", (line) => {
        const code = line.match(/join with code (\S+)/);
        if (code) this.cohortCode = code[1] ?? "";
        const listening = line.match(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
        if (listening) {
          this.url = listening[1] ?? "";
          this.port = Number(listening[2]);
          clearTimeout(timer);
          done();
        }
      });
    });
  }

  /** Stops it: gracefully (SIGTERM), or as a crash would (SIGKILL). */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function startServer(): Promise<Server> {
  const server = new Server();
  await server.start();
  return server;
}
