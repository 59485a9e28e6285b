import { type Action, rolesFor } from '@gd/domain';
import { RequireAuth, Spinner, useAuth } from '@gd/web';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AuditPage } from '../features/audit/components/AuditPage.js';
import { CallbacksPage } from '../features/callbacks/components/CallbacksPage.js';
import { CallScreen } from '../features/calls/components/CallScreen.js';
import { CrewsPage } from '../features/crews/components/CrewsPage.js';
import { PrintOrderPage } from '../features/dashboard/components/PrintOrder.js';
import { OutagesPage } from '../features/outages/components/OutagesPage.js';
import { QueuePage } from '../features/queue/components/QueuePage.js';
import { StaffPage } from '../features/staff/components/StaffPage.js';
import { TicketDetailPage } from '../features/tickets/components/TicketDetail.js';
import { Layout } from './Layout.js';

// The dashboard brings recharts: loaded only by those who open it.
const DashboardPage = lazy(() =>
  import('../features/dashboard/components/DashboardPage.js').then((m) => ({ default: m.DashboardPage })),
);

/** A route for the roles that may do `action` (the permission table in @gd/domain, the API's own). */
function Guard({ action, children }: { action: Action; children: ReactNode }) {
  return <RequireAuth roles={rolesFor(action)}>{children}</RequireAuth>;
}

/** `/`: the call screen for agents; everyone else starts at the queues. */
function Home() {
  const { user } = useAuth();
  if (user?.role === 'agent') return <CallScreen />;
  if (user?.role === 'qa') return <Navigate to="/callbacks" replace />;
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
        path: 'outages',
        element: (
          <Guard action="outage.publish">
            <OutagesPage />
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
            <Suspense fallback={<Spinner />}>
              <DashboardPage />
            </Suspense>
          </Guard>
        ),
      },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
