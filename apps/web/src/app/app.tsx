import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ProgrammesDashboard } from "../features/programmes/components/programmes-dashboard.tsx";
import { SessionGate } from "../features/session/components/session-gate.tsx";
import { Layout } from "./layout.tsx";

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1 } },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Layout>
        <SessionGate>
          <ProgrammesDashboard />
        </SessionGate>
      </Layout>
    </QueryClientProvider>
  );
}
