// Layers that only point one way (`pnpm lint` runs this): shared infrastructure sits below the
// features, a feature uses another only through that feature's index.ts, and the packages
// know nothing of the apps.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      from: { path: "^(apps|packages)/" },
      to: { circular: true },
    },
    {
      name: "packages-below-apps",
      comment: "packages/ (schemas, domain) are shared by both apps and import neither.",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^apps/" },
    },
    {
      name: "api-lib-below-plugins-and-features",
      comment: "apps/api/src/lib is infrastructure: it never reaches up into plugins or features.",
      severity: "error",
      from: { path: "^apps/api/src/lib/" },
      to: { path: "^apps/api/src/(plugins|features)/" },
    },
    {
      name: "api-plugins-below-features",
      comment: "Registered plugins (errors, access, openapi …) serve every feature and import none.",
      severity: "error",
      from: { path: "^apps/api/src/plugins/" },
      to: { path: "^apps/api/src/features/" },
    },
    {
      name: "api-feature-public-entry",
      comment: "A feature uses another only through its index.ts, never its internals.",
      severity: "error",
      from: { path: "^apps/api/src/features/([^/]+)/" },
      to: {
        path: "^apps/api/src/features/[^/]+/",
        pathNot: ["^apps/api/src/features/$1/", "^apps/api/src/features/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "web-feature-public-entry",
      comment: "A web feature uses another only through its index.ts, never its internals.",
      severity: "error",
      from: { path: "^apps/web/src/features/([^/]+)/" },
      to: {
        path: "^apps/web/src/features/[^/]+/",
        pathNot: ["^apps/web/src/features/$1/", "^apps/web/src/features/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "web-shared-below-features",
      comment: "components/ui and lib are shared pieces: they never import a feature.",
      severity: "error",
      from: { path: "^apps/web/src/(components|lib)/" },
      to: { path: "^apps/web/src/features/" },
    },
    {
      name: "apps-apart",
      comment: "The API and the web app share code only through packages/.",
      severity: "error",
      from: { path: "^apps/(api|web)/" },
      to: { path: "^apps/(api|web)/", pathNot: "^apps/$1/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|generated)/" },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"], conditionNames: ["import", "default"] },
  },
};
