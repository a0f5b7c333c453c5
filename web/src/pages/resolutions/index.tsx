/** Acuerdos: every resolution of the commission (/acuerdos) and one resolution (/acuerdos/:id). */
import "../sessions/sessions.css";
import { Route, Routes } from "react-router";
import NotFoundPage from "../not-found-page.tsx";
import { ResolutionPage } from "./resolution-page.tsx";
import { ResolutionsPage } from "./resolutions-page.tsx";

export default function ResolutionsSection() {
  return (
    <Routes>
      <Route index element={<ResolutionsPage />} />
      <Route path=":id" element={<ResolutionPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
