import { AuthProvider } from '@gd/web';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { router } from './router.js';

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Retry network blips, never a 4xx.
        retry: (count, err) => {
          const status = (err as { status?: number }).status ?? 0;
          return count < 2 && (status === 0 || status >= 500);
        },
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

const queryClient = makeQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  );
}
