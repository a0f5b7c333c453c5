/** The routes: the public page and sign-in for everyone; the rest inside the shell, for signed-in accounts. */
import { lazy, type ReactNode, Suspense } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { useMe } from "./auth/auth.ts";
import { AppLayout } from "./layout/app-layout.tsx";
import { ErrorNotice } from "./layout/error-notice.tsx";
import { PageLoader } from "./layout/page-loader.tsx";

const SignInPage = lazy(() => import("./pages/sign-in-page.tsx"));
const ChangePasswordPage = lazy(() => import("./pages/change-password-page.tsx"));
const HomePage = lazy(() => import("./pages/home-page.tsx"));
const SessionsPage = lazy(() => import("./pages/sessions-page.tsx"));
const PublicPage = lazy(() => import("./pages/public-page.tsx"));
const PlaceholderPage = lazy(() => import("./pages/placeholder-page.tsx"));
const NotFoundPage = lazy(() => import("./pages/not-found-page.tsx"));

/** Pages for signed-in accounts: to sign-in otherwise, and to the password change while it is provisional. */
function RequireAccount({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/entrar" replace state={{ from: location.pathname }} />;
  if (me.data.mustChangePassword) return <Navigate to="/cambiar-contrasena" replace />;
  return children;
}

export function App() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Routes>
        <Route path="/publico" element={<PublicPage />} />
        <Route path="/entrar" element={<SignInPage />} />
        <Route path="/cambiar-contrasena" element={<ChangePasswordPage />} />
        <Route
          element={
            <RequireAccount>
              <AppLayout />
            </RequireAccount>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="sesiones" element={<SessionsPage />} />
          <Route path="acuerdos" element={<PlaceholderPage section="nav.resolutions" />} />
          <Route path="programa" element={<PlaceholderPage section="nav.programme" />} />
          <Route path="convenios" element={<PlaceholderPage section="nav.agreements" />} />
          <Route path="actividades" element={<PlaceholderPage section="nav.activities" />} />
          <Route path="informes" element={<PlaceholderPage section="nav.reports" />} />
          <Route path="catalogos" element={<PlaceholderPage section="nav.catalogs" />} />
          <Route path="administracion" element={<PlaceholderPage section="nav.administration" />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
