/**
 * Convenios: the register of agreements with its filters (/convenios), a new agreement (/convenios/nuevo), the
 * board by stage (/convenios/tablero), the counts (/convenios/estadisticas) and each agreement's page
 * (/convenios/:id), all under this module's own routes.
 */
import { Route, Routes } from "react-router";
import NotFoundPage from "../not-found-page.tsx";
import { AgreementPage } from "./agreement-page.tsx";
import { BoardPage } from "./board-page.tsx";
import { NewAgreementPage } from "./new-agreement-page.tsx";
import { RegisterPage } from "./register-page.tsx";
import { StatsPage } from "./stats-page.tsx";

export default function AgreementsSection() {
  return (
    <Routes>
      <Route index element={<RegisterPage />} />
      <Route path="nuevo" element={<NewAgreementPage />} />
      <Route path="tablero" element={<BoardPage />} />
      <Route path="estadisticas" element={<StatsPage />} />
      <Route path=":id" element={<AgreementPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
