/** The routes: the public page and sign-in for everyone; the rest inside the shell, for signed-in accounts. */
import { lazy, type ReactNode, Suspense } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { useMe } from "./auth/auth.ts";
import { AppLayout } from "./layout/app-layout.tsx";
import { ErrorNotice } from "./layout/error-notice.tsx";
import { PageLoader } from "./layout/page-loader.tsx";
import { SECTIONS, visibleSections } from "./navigation.ts";

const SignInPage = lazy(() => import("./pages/sign-in-page.tsx"));
const ChangePasswordPage = lazy(() => import("./pages/change-password-page.tsx"));
const HomePage = lazy(() => import("./pages/home-page.tsx"));
const SessionsPage = lazy(() => import("./pages/sessions-page.tsx"));
const PublicPage = lazy(() => import("./pages/public-page.tsx"));
const PlaceholderPage = lazy(() => import("./pages/placeholder-page.tsx"));
const NotFoundPage = lazy(() => import("./pages/not-found-page.tsx"));
const ForbiddenPage = lazy(() => import("./pages/forbidden-page.tsx"));

/** The sections built so far; every other section of the navigation shows a placeholder until it is. */
const BUILT_PAGES: Record<string, ReactNode> = { "/sesiones": <SessionsPage /> };

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

/** A section only for the roles whose permissions show it in the navigation (the API refuses the rest anyway). */
function RequireSection({ path, children }: { path: string; children: ReactNode }) {
  const me = useMe().data;
  const isVisible =
    !!me && visibleSections(me.permissions, me.isAdministrator).some((section) => section.path === path);
  return isVisible ? children : <ForbiddenPage />;
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
          {SECTIONS.filter((section) => section.path !== "/").map((section) => (
            <Route
              key={section.path}
              path={section.path.slice(1)}
              element={
                <RequireSection path={section.path}>
                  {BUILT_PAGES[section.path] ?? <PlaceholderPage section={section.label} />}
                </RequireSection>
              }
            />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
