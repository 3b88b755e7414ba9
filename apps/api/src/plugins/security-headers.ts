import helmet from "@fastify/helmet";
import fp from "fastify-plugin";

/**
 * Security headers on every response, errors included (helmet sets them before the handler
 * runs), with a Content-Security-Policy that fits the built app: everything from this origin,
 * no inline script, no framing. API responses are never cached: they carry public money and
 * staff data.
 */
export const securityHeadersPlugin = fp(
  async (fastify) => {
    await fastify.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Inline style attributes: Swagger UI and chart libraries set them.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Same-origin app: no cross-origin embedding either way.
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    });
    fastify.addHook("onRequest", async (request, reply) => {
      if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    });
  },
  { name: "security-headers" },
);
