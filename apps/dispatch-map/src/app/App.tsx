import { rolesFor } from '@gd/domain';
import { AuthProvider, RequireAuth, useAuth } from '@gd/web';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { CrewRoute } from './routes/CrewRoute';
import { MapRoute } from './routes/MapRoute';

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, staleTime: 10_000 } },
});

/** `/map/` for the office (a crew member signing in there is sent on to `/map/crew`). */
function Home() {
  const { user } = useAuth();
  if (user?.role === 'crew') return <Navigate to="/crew" replace />;
  return (
    <RequireAuth roles={rolesFor('screen.map')}>
      <MapRoute />
    </RequireAuth>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <BrowserRouter basename="/map">
          <Routes>
            <Route path="/" element={<Home />} />
            <Route
              path="/crew"
              element={
                <RequireAuth roles={rolesFor('screen.crew-phone')}>
                  <CrewRoute />
                </RequireAuth>
              }
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </QueryClientProvider>
  );
}
