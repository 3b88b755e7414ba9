import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fp from "fastify-plugin";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

/** OpenAPI generated from the same zod schemas the routes validate with; docs at /api/docs. */
export const openApiPlugin = fp(
  async (fastify) => {
    await fastify.register(fastifySwagger, {
      openapi: {
        info: {
          title: "Fundline API",
          description: "Programmes, funding commitments, allocations and spend. Money is integer pence.",
          version: "0.1.0",
        },
      },
      transform: jsonSchemaTransform,
    });
    await fastify.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
    fastify.get("/api/openapi.json", { schema: { hide: true } }, () => fastify.swagger());
  },
  { name: "openapi" },
);
