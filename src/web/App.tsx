import { Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { onSessionLost } from './api.ts';
import { moduleUis } from './modules.ts';
import { useSession } from './session.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { PublicLayout } from './shell/PublicLayout.tsx';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const PasswordPage = lazy(() => import('./pages/PasswordPage.tsx'));

/** Pages behind the login: without a session, to the login page and back here afterwards. */
function RequireSession() {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <Spin style={{ margin: 48 }} />;
  if (me === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // A new or reset account: the server allows nothing but the password change until it is done, so the user is taken
  // to the password page itself (its address says so) and, the change done, on to where they were going (首页).
  if (me.mustChangePassword) {
    if (location.pathname !== '/password') return <Navigate to={`/password?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    return <PublicLayout><PasswordPage /></PublicLayout>;
  }
  return <AppLayout />;
}

/** The workers' pages (no login): the session's absence is no reason to leave them. */
const publicPaths = new Set(moduleUis.flatMap((module) => (module.publicRoutes ?? []).map((route) => route.path)));

/** When the server says the session is gone (expired, logged out elsewhere), go to login and come back. */
function SessionWatch() {
  const { setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(
    () =>
      onSessionLost(() => {
        setMe(null);
        if (!location.pathname.startsWith('/login') && !publicPaths.has(location.pathname)) navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
      }),
    [location, navigate, setMe],
  );
  return null;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionWatch />
      <Suspense fallback={<Spin style={{ margin: 48 }} />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          {moduleUis.flatMap((module) =>
            (module.publicRoutes ?? []).map((route) => <Route key={route.path} path={route.path} element={<PublicLayout><route.page /></PublicLayout>} />),
          )}
          <Route element={<RequireSession />}>
            <Route index element={<HomePage />} />
            {moduleUis.flatMap((module) => module.routes.map((route) => <Route key={route.path} path={route.path} element={<route.page />} />))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
