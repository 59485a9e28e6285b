import { rolesFor } from '@gd/domain';
import { AuthProvider, RequireAuth, Spinner, useAuth } from '@gd/web';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';

// Each screen loads with its own code: a crew's phone never downloads the dispatcher's map (Leaflet, clustering).
const CrewRoute = lazy(() => import('./routes/CrewRoute').then((m) => ({ default: m.CrewRoute })));
const MapRoute = lazy(() => import('./routes/MapRoute').then((m) => ({ default: m.MapRoute })));

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, staleTime: 10_000 } },
});

/** `/map/` for the office (a crew member signing in there is sent on to `/map/crew`). */
function Home() {
  const { user } = useAuth();
  if (user?.role === 'crew') return <Navigate to="/crew" replace />;
  return (
    <RequireAuth roles={rolesFor('screen.map')}>
      <Suspense fallback={<Spinner />}>
        <MapRoute />
      </Suspense>
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
                  <Suspense fallback={<Spinner />}>
                    <CrewRoute />
                  </Suspense>
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
