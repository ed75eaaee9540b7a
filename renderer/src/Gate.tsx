import { useEffect } from 'react';
import { watchDataChanges } from './api/query-client';
import { FullPageError, FullPageLoading } from './components/FullPage';
import { SetupAdminScreen } from './screens/signin/SetupAdminScreen';
import { SignInScreen } from './screens/signin/SignInScreen';
import { AppLayout } from './shell/AppLayout';
import { useBank } from './state/bank';
import { watchConnection } from './state/connection';
import { useSession, watchSessionEnd } from './state/session';

/** Decides what the window shows: first-run setup, sign-in, or the workstation. */
export function Gate() {
  const status = useBank((s) => s.status);
  const error = useBank((s) => s.error);
  const phase = useSession((s) => s.phase);

  useEffect(() => {
    const stopSession = watchSessionEnd();
    const stopConnection = watchConnection();
    const stopData = watchDataChanges();
    void useBank.getState().load();
    void useSession.getState().restore();
    return () => {
      stopSession();
      stopConnection();
      stopData();
    };
  }, []);

  if (!status && error) return <FullPageError title="CloudBank is not answering" message={error} onRetry={() => void useBank.getState().load()} />;
  if (!status || phase === 'restoring') return <FullPageLoading />;
  if (status.needsSetup) return <SetupAdminScreen />;
  if (phase === 'signedOut') return <SignInScreen status={status} />;
  return <AppLayout />;
}
