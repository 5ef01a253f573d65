-- id-service's classes moved from package nixproc.ids to nixproc.idservice (nixproc.ids was also the package of the
-- assignment algorithm, then in another jar; issue 15). The outbox republishes an incomplete publication at start
-- by its event type, so the stored class names move with the classes; the listener id is explicit and stays.
UPDATE event_publication
SET event_type = 'nixproc.idservice.' || substr(event_type, length('nixproc.ids.') + 1)
WHERE event_type LIKE 'nixproc.ids.%';
