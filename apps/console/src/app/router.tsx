import type { Role } from '@gd/domain';
import { RequireAuth, useAuth } from '@gd/web';
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AuditPage } from '../features/audit/components/AuditPage.js';
import { CallScreen } from '../features/calls/components/CallScreen.js';
import { QueuePage } from '../features/queue/components/QueuePage.js';
import { StaffPage } from '../features/staff/components/StaffPage.js';
import { TicketDetailPage } from '../features/tickets/components/TicketDetail.js';
import { Layout } from './Layout.js';

const CONSOLE_ROLES: readonly Role[] = ['agent', 'qa', 'dispatcher', 'supervisor', 'admin'];

function Guard({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  return <RequireAuth roles={roles}>{children}</RequireAuth>;
}

/** `/`: the call screen for agents; everyone else starts at the queues. */
function Home() {
  const { user } = useAuth();
  if (user?.role === 'agent') return <CallScreen />;
  // QA will start at its callback screen (/callbacks, a later engineer's); until then at the queues.
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
      // Slots for later screens: 'callbacks' (qa), 'dashboard' (supervisor, admin).
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
