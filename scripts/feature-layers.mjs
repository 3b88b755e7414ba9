// Features are rooms, not a web: no two feature folders may depend on each other, however
// indirectly (programmes → reconciliation → programmes, through different files, is no module
// cycle for dependency-cruiser's no-cycles rule, yet it is two features that cannot be changed
// apart). Run by `pnpm lint`; exits 1 naming each cycle of features and the imports that make it.
import { cruise } from "dependency-cruiser";

const FEATURE = /^apps\/(api|web)\/src\/features\/([^/]+)\//;
const roots = process.argv.slice(2).length ? process.argv.slice(2) : ["apps/api/src", "apps/web/src"];

const { output } = await cruise(roots, {
  tsPreCompilationDeps: true,
  combinedDependencies: true,
  doNotFollow: { path: "node_modules" },
  exclude: { path: "(^|/)(node_modules|dist|generated)/" },
  enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"], conditionNames: ["import", "default"] },
});

/** "api/programmes" → { "api/reconciliation": ["list-programmes.ts → reconciliation/index.ts"] } */
const edges = new Map();
for (const module of output.modules) {
  const from = FEATURE.exec(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    const to = FEATURE.exec(dependency.resolved);
    if (!to || to[1] !== from[1] || to[2] === from[2]) continue;
    const [a, b] = [`${from[1]}/${from[2]}`, `${to[1]}/${to[2]}`];
    if (!edges.has(a)) edges.set(a, new Map());
    const why = edges.get(a).get(b) ?? [];
    why.push(`${module.source} → ${dependency.resolved}`);
    edges.get(a).set(b, why);
  }
}

// Tarjan's strongly connected components: each of more than one feature is a cycle.
let index = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(feature) {
  order.set(feature, index);
  low.set(feature, index++);
  stack.push(feature);
  onStack.add(feature);
  for (const next of edges.get(feature)?.keys() ?? []) {
    if (!order.has(next)) {
      visit(next);
      low.set(feature, Math.min(low.get(feature), low.get(next)));
    } else if (onStack.has(next)) low.set(feature, Math.min(low.get(feature), order.get(next)));
  }
  if (low.get(feature) !== order.get(feature)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== feature);
  if (component.length > 1) cycles.push(component.sort());
}
for (const feature of edges.keys()) if (!order.has(feature)) visit(feature);

if (cycles.length === 0) {
  console.log(`✔ no two features depend on each other (${edges.size} features that import others)`);
} else {
  for (const cycle of cycles) {
    console.error(`✘ these features depend on each other: ${cycle.join(", ")}`);
    for (const from of cycle) {
      for (const [to, why] of edges.get(from) ?? []) {
        if (cycle.includes(to))
          console.error(`    ${from} → ${to}: ${why[0]}${why.length > 1 ? ` (and ${why.length - 1} more)` : ""}`);
      }
    }
  }
  process.exit(1);
}
