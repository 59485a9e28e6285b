import type { Role } from '@gd/domain';
import { RequireAuth, Spinner, useAuth } from '@gd/web';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AuditPage } from '../features/audit/components/AuditPage.js';
import { CallbacksPage } from '../features/callbacks/components/CallbacksPage.js';
import { CallScreen } from '../features/calls/components/CallScreen.js';
import { CrewsPage } from '../features/crews/components/CrewsPage.js';
import { PrintOrderPage } from '../features/dashboard/components/PrintOrder.js';
import { OutagesPage } from '../features/outages/components/OutagesPage.js';
import { OUTAGE_ROLES } from '../features/outages/roles.js';
import { QueuePage } from '../features/queue/components/QueuePage.js';
import { StaffPage } from '../features/staff/components/StaffPage.js';
import { TicketDetailPage } from '../features/tickets/components/TicketDetail.js';
import { Layout } from './Layout.js';

// The dashboard brings recharts: loaded only by those who open it.
const DashboardPage = lazy(() =>
  import('../features/dashboard/components/DashboardPage.js').then((m) => ({ default: m.DashboardPage })),
);

const CONSOLE_ROLES: readonly Role[] = ['agent', 'qa', 'dispatcher', 'supervisor', 'admin'];

function Guard({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  return <RequireAuth roles={roles}>{children}</RequireAuth>;
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
      <Guard roles={CONSOLE_ROLES}>
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
          <Guard roles={OUTAGE_ROLES}>
            <OutagesPage />
          </Guard>
        ),
      },
      {
        path: 'audit',
        element: (
          <Guard roles={['supervisor', 'admin']}>
            <AuditPage />
          </Guard>
        ),
      },
      {
        path: 'admin/staff',
        element: (
          <Guard roles={['admin']}>
            <StaffPage />
          </Guard>
        ),
      },
      {
        path: 'admin/crews',
        element: (
          <Guard roles={['admin']}>
            <CrewsPage />
          </Guard>
        ),
      },
      { path: 'tickets/:id/print', element: <PrintOrderPage /> },
      {
        path: 'callbacks',
        element: (
          <Guard roles={['qa', 'supervisor', 'admin']}>
            <CallbacksPage />
          </Guard>
        ),
      },
      {
        path: 'dashboard',
        element: (
          <Guard roles={['supervisor', 'admin']}>
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
