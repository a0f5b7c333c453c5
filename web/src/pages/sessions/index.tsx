/**
 * Sesiones: the list and the month calendar (/sesiones), a new session (/sesiones/nueva) and a session's page
 * (/sesiones/:id). `/sesiones?punto=<id>` (where a search result about an agenda item leads) opens its session.
 */
import "./sessions.css";
import { Route, Routes } from "react-router";
import NotFoundPage from "../not-found-page.tsx";
import { NewSessionPage } from "./new-session-page.tsx";
import { SessionPage } from "./session-page.tsx";
import { SessionsPage } from "./sessions-page.tsx";

export default function SessionsSection() {
  return (
    <Routes>
      <Route index element={<SessionsPage />} />
      <Route path="nueva" element={<NewSessionPage />} />
      <Route path=":id" element={<SessionPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
