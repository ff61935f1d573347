// Builds the web shell into dist/: the page, its script and styles, the core's wasm, and a
// service worker that precaches all of them (see src/sw.ts and the plugin below).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";

import { build as viteBuild } from "vite";
import { defineConfig, type Plugin } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/**
 * Writes `sw.js` after the bundle: the service worker from src/sw.ts, with the list of every
 * file the page needs and a cache version that changes whenever any of them changes.
 */
function serviceWorker(): Plugin {
  return {
    name: "nc-service-worker",
    apply: "build",
    enforce: "post",
    async generateBundle(_options, bundle) {
      const hash = createHash("sha256");
      const built = Object.keys(bundle).filter((name) => !name.endsWith(".map"));
      for (const name of built.sort()) {
        const item = bundle[name];
        hash.update(name);
        if (item.type === "chunk") hash.update(item.code);
        else hash.update(typeof item.source === "string" ? item.source : Buffer.from(item.source));
      }
      const publicDir = here("./public");
      const copied = filesUnder(publicDir);
      for (const name of copied.sort()) {
        hash.update(name);
        hash.update(readFileSync(join(publicDir, name)));
      }
      const files = [...built, ...copied].sort();
      const version = hash.digest("hex").slice(0, 12);
      const precache = ["/", ...files.map((name) => `/${name}`)];
      const worker = await viteBuild({
        configFile: false,
        logLevel: "warn",
        define: {
          __PRECACHE__: JSON.stringify(precache),
          __VERSION__: JSON.stringify(version),
        },
        build: {
          write: false,
          minify: true,
          lib: { entry: here("./src/sw.ts"), formats: ["es"], fileName: () => "sw.js" },
        },
      });
      const outputs = Array.isArray(worker) ? worker : [worker];
      for (const output of outputs) {
        if (!("output" in output)) continue;
        for (const chunk of output.output) {
          if (chunk.type === "chunk") {
            this.emitFile({ type: "asset", fileName: "sw.js", source: chunk.code });
          }
        }
      }
    },
  };
}

/** What is worth compressing: text and wasm. Images and icons are compressed already. */
const COMPRESSIBLE = /\.(html|js|css|wasm|webmanifest|json|svg|txt)$/;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each compressible file in dist/, once
 * everything else is written. The sync server sends the copy the browser accepts, so the first
 * visit moves about a quarter of the bytes, and nothing is compressed per request.
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "nc-precompress",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const name of filesUnder(outDir)) {
        if (!COMPRESSIBLE.test(name)) continue;
        const path = join(outDir, name);
        const bytes = readFileSync(path);
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
              [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
        );
      }
    },
  };
}

export default defineConfig({
  resolve: {
    alias: {
      "shared_types/bincode": here("./generated/types/typescript/bincode/index.ts"),
      shared_types: here("./generated/types/typescript/shared_types.ts"),
      web_core: here("./generated/wasm"),
    },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // govuk-frontend still uses Sass features newer Sass warns about; they are its own.
        quietDeps: true,
        silenceDeprecations: ["import", "global-builtin", "slash-div"],
        loadPaths: [here("./node_modules")],
      },
    },
  },
  build: {
    target: "es2022",
    // The wasm is fetched and compiled by the browser; inlining it would defeat the streaming.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
  },
  plugins: [serviceWorker(), precompress()],
});
