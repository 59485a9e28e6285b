import { type Action, rolesFor } from '@gd/domain';
import { RequireAuth, Spinner, useAuth } from '@gd/web';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { CallScreen } from '../features/calls/components/CallScreen.js';
import { Layout } from './Layout.js';

/** A page loaded when first opened: the call screen (an agent's first page) is in the first bundle, no other. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy(() => load().then((m): { default: ComponentType } => ({ default: m[name] })));
  return function LazyPage() {
    return (
      <Suspense fallback={<Spinner />}>
        <Page />
      </Suspense>
    );
  };
}

// Each page's module is named once, so the bundler makes one chunk per route (the dashboard's brings recharts).
const AuditPage = page(() => import('../features/audit/components/AuditPage.js'), 'AuditPage');
const CallbacksPage = page(
  () => import('../features/callbacks/components/CallbacksPage.js'),
  'CallbacksPage',
);
const CrewsPage = page(() => import('../features/crews/components/CrewsPage.js'), 'CrewsPage');
const PrintOrderPage = page(() => import('../features/dashboard/components/PrintOrder.js'), 'PrintOrderPage');
const OutagesPage = page(() => import('../features/outages/components/OutagesPage.js'), 'OutagesPage');
const QueuePage = page(() => import('../features/queue/components/QueuePage.js'), 'QueuePage');
const StormPage = page(() => import('../features/storm/components/StormPage.js'), 'StormPage');
const StaffPage = page(() => import('../features/staff/components/StaffPage.js'), 'StaffPage');
const TicketDetailPage = page(
  () => import('../features/tickets/components/TicketDetail.js'),
  'TicketDetailPage',
);
const DashboardPage = page(
  () => import('../features/dashboard/components/DashboardPage.js'),
  'DashboardPage',
);

/** A route for the roles that may do `action` (the permission table in @gd/domain, the API's own). */
function Guard({ action, children }: { action: Action; children: ReactNode }) {
  return <RequireAuth roles={rolesFor(action)}>{children}</RequireAuth>;
}

/** `/`: the call screen for agents; QA at the callbacks, supervisors at the dashboard, everyone else the queues. */
function Home() {
  const { user } = useAuth();
  if (user?.role === 'agent') return <CallScreen />;
  if (user?.role === 'qa') return <Navigate to="/callbacks" replace />;
  if (user?.role === 'supervisor') return <Navigate to="/dashboard" replace />;
  return <Navigate to="/queue" replace />;
}

export const router = createBrowserRouter([
  {
    path: '/',
    element: (
      <Guard action="screen.queue">
        <Layout />
      </Guard>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'queue', element: <QueuePage /> },
      { path: 'tickets/:id', element: <TicketDetailPage /> },
      {
        // /outages is the customers' public outage map (served by the API); staff publish from here.
        path: 'outage-notices',
        element: (
          <Guard action="outage.publish">
            <OutagesPage />
          </Guard>
        ),
      },
      {
        path: 'storm',
        element: (
          <Guard action="sla.emergency">
            <StormPage />
          </Guard>
        ),
      },
      {
        path: 'audit',
        element: (
          <Guard action="audit.read">
            <AuditPage />
          </Guard>
        ),
      },
      {
        path: 'admin/staff',
        element: (
          <Guard action="staff.manage">
            <StaffPage />
          </Guard>
        ),
      },
      {
        path: 'admin/crews',
        element: (
          <Guard action="crew.manage">
            <CrewsPage />
          </Guard>
        ),
      },
      { path: 'tickets/:id/print', element: <PrintOrderPage /> },
      {
        path: 'callbacks',
        element: (
          <Guard action="callback.read">
            <CallbacksPage />
          </Guard>
        ),
      },
      {
        path: 'dashboard',
        element: (
          <Guard action="dashboard.read">
            <DashboardPage />
          </Guard>
        ),
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
