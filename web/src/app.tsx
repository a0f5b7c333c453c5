/**
 * The routes: the public page and sign-in for everyone; the rest inside the shell, for signed-in accounts. Each
 * section of the navigation is one lazily loaded module (pages/<section>/index.tsx) that owns the addresses below
 * its path (`/convenios/…`) with routes of its own. A data router, so that a form can hold navigation while it has
 * unsaved changes (components/unsaved-changes.tsx).
 */
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode, Suspense } from "react";
import {
  createBrowserRouter,
  createRoutesFromElements,
  Navigate,
  Outlet,
  Route,
  useLocation,
} from "react-router";
import { useMe } from "./auth/auth.ts";
import { AppLayout } from "./layout/app-layout.tsx";
import { ErrorNotice } from "./layout/error-notice.tsx";
import { PageLoader } from "./layout/page-loader.tsx";
import { SECTIONS, visibleSections } from "./navigation.ts";

const SignInPage = lazy(() => import("./pages/sign-in-page.tsx"));
const ChangePasswordPage = lazy(() => import("./pages/change-password-page.tsx"));
const HomePage = lazy(() => import("./pages/home-page.tsx"));
const PublicPage = lazy(() => import("./pages/public-page.tsx"));
const SearchPage = lazy(() => import("./pages/search/index.tsx"));
const NotFoundPage = lazy(() => import("./pages/not-found-page.tsx"));
const ForbiddenPage = lazy(() => import("./pages/forbidden-page.tsx"));

/** The module of each section of the navigation but Inicio, by path. */
const SECTION_PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  "/sesiones": lazy(() => import("./pages/sessions/index.tsx")),
  "/acuerdos": lazy(() => import("./pages/resolutions/index.tsx")),
  "/programa": lazy(() => import("./pages/programme/index.tsx")),
  "/convenios": lazy(() => import("./pages/agreements/index.tsx")),
  "/actividades": lazy(() => import("./pages/activities/index.tsx")),
  "/informes": lazy(() => import("./pages/reports/index.tsx")),
  "/difusion": lazy(() => import("./pages/outreach/index.tsx")),
  "/catalogos": lazy(() => import("./pages/catalogs/index.tsx")),
  "/administracion": lazy(() => import("./pages/administration/index.tsx")),
};

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

function Root() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter(
  createRoutesFromElements(
    <Route element={<Root />}>
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
        {SECTIONS.filter((section) => section.path !== "/").map((section) => {
          const SectionPage = SECTION_PAGES[section.path];
          if (!SectionPage) throw new Error(`no page for the section ${section.path}`);
          return (
            <Route
              key={section.path}
              path={`${section.path.slice(1)}/*`}
              element={
                <RequireSection path={section.path}>
                  <SectionPage />
                </RequireSection>
              }
            />
          );
        })}
        <Route path="buscar" element={<SearchPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Route>,
  ),
);
