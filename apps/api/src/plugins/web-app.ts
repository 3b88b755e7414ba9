import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import fp from "fastify-plugin";
import { send } from "./errors.ts";

/**
 * Serves the built web app from the same origin as the API. Unknown non-API paths get
 * index.html so the app's own routes work on reload; unknown API paths get a JSON 404.
 */
export const webAppPlugin = fp<{ webDist: string | undefined }>(
  async (fastify, { webDist }) => {
    const hasWebApp = webDist !== undefined && existsSync(join(webDist, "index.html"));
    if (hasWebApp) {
      await fastify.register(fastifyStatic, {
        root: webDist,
        wildcard: true,
        index: "index.html",
        // The build writes each file gzipped and brotli-compressed beside it; browsers get the smaller.
        preCompressed: true,
        setHeaders: (reply, path) => {
          // Files under assets/ are named by their content hash, so they never change; the page
          // that names them must be fetched fresh each time.
          reply.header(
            "cache-control",
            path.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
          );
        },
      });
    }
    fastify.setNotFoundHandler((request, reply) => {
      const isPage = request.method === "GET" && !request.url.startsWith("/api/") && request.url !== "/api";
      if (isPage && hasWebApp) return reply.type("text/html").sendFile("index.html");
      return send(reply, request, 404, `No route for ${request.method} ${request.url.split("?")[0]}`);
    });
  },
  { name: "web-app", dependencies: ["errors"] },
);
