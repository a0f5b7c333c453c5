-- One accent-insensitive Spanish search over every record: each branch reads a table's stored `search` column
-- (GIN-indexed), so the planner pushes `search @@ query` into every branch.
CREATE VIEW search_documents AS
  SELECT 'person'::text AS record_type, id AS record_id, NULL::uuid AS commission_id, name AS title,
         name || ' ' || coalesce(aliases::text, '') AS body, search FROM people
  UNION ALL
  SELECT 'organisation', id, NULL, name, concat_ws(' ', name, acronym, aliases::text), search FROM organisations
  UNION ALL
  SELECT 'area', id, NULL, name, concat_ws(' ', name, acronym, aliases::text), search FROM areas
  UNION ALL
  SELECT 'commission', id, id, name, concat_ws(' ', name, acronym), search FROM commissions
  UNION ALL
  SELECT 'strategic_line', l.id, p.commission_id, l.title, l.title, l.search
    FROM strategic_lines l JOIN work_programmes p ON p.id = l.programme_id
  UNION ALL
  SELECT 'programmed_action', a.id, p.commission_id, a.title, a.title, a.search
    FROM programmed_actions a JOIN strategic_lines l ON l.id = a.line_id JOIN work_programmes p ON p.id = l.programme_id
  UNION ALL
  SELECT 'agenda_item', i.id, s.commission_id, i.title, i.title, i.search
    FROM agenda_items i JOIN sessions s ON s.id = i.session_id
  UNION ALL
  SELECT 'resolution', id, commission_id, number || ' ' || title, concat_ws(' ', title, text), search FROM resolutions
  UNION ALL
  SELECT 'agreement', id, commission_id, title, concat_ws(' ', title, object), search FROM agreements
  UNION ALL
  SELECT 'pertinence_opinion', id, commission_id, number, subject, search FROM pertinence_opinions
  UNION ALL
  SELECT 'agreement_progress', g.id, a.commission_id, a.title, coalesce(g.text, ''), g.search
    FROM agreement_progress g JOIN agreements a ON a.id = g.agreement_id
  UNION ALL
  SELECT 'activity', id, commission_id, title, concat_ws(' ', title, description, audience), search FROM activities;
--> statement-breakpoint
CREATE INDEX people_name_trgm ON people USING gin (vincula_unaccent(lower(name)) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX organisations_name_trgm ON organisations USING gin (vincula_unaccent(lower(name)) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX areas_name_trgm ON areas USING gin (vincula_unaccent(lower(name)) gin_trgm_ops);
