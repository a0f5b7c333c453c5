/** Informes: the commission's reports (/informes) and each report's page (/informes/:id). */
import { Route, Routes } from "react-router";
import NotFoundPage from "../not-found-page.tsx";
import ReportPage from "./report-page.tsx";
import ReportsListPage from "./reports-list-page.tsx";

export default function ReportsSection() {
  return (
    <Routes>
      <Route index element={<ReportsListPage />} />
      <Route path=":id" element={<ReportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
