/**
 * Difusión (issue 6): the commission's contact lists (/difusion), one list with its contacts, import, campaigns
 * and read log (/difusion/listas/:id), a campaign (/difusion/campanas/:id) and the data-protection requests
 * (/difusion/arco). Only accounts with «contacts.read» see the section (navigation.ts); writing needs
 * «contacts.write».
 */
import { Route, Routes } from "react-router";
import NotFoundPage from "../not-found-page.tsx";
import { ArcoPage } from "./arco-page.tsx";
import { CampaignPage, NewCampaignPage } from "./campaign-page.tsx";
import { EditListPage, NewListPage } from "./list-form.tsx";
import { ListPage } from "./list-page.tsx";
import { ListsPage } from "./lists-page.tsx";

export default function OutreachSection() {
  return (
    <Routes>
      <Route index element={<ListsPage />} />
      <Route path="listas/nueva" element={<NewListPage />} />
      <Route path="listas/:id" element={<ListPage />} />
      <Route path="listas/:id/editar" element={<EditListPage />} />
      <Route path="campanas/nueva" element={<NewCampaignPage />} />
      <Route path="campanas/:id" element={<CampaignPage />} />
      <Route path="arco" element={<ArcoPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
