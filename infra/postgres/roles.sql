-- One database role per nixproc service (issue 17): each owns the schema its tables live in and cannot read the
-- others' schemas; none is a superuser. Run it as a superuser in the services' database, giving the three
-- passwords as psql variables:
--   psql -v ON_ERROR_STOP=1 -v ids_password=… -v models_password=… -v coordinator_password=… -f roles.sql nixproc
-- infra/postgres.sh, the compose file's PostgreSQL and nixproc up (which substitutes the variables itself) run it.
-- Idempotent: run again, it sets the passwords again and hands schemas that an earlier single-role setup made
-- (tables, sequences, views, functions) to their service's role.
--
-- role                 schema        service
-- nixproc_ids          ids           id-service
-- nixproc_models       models        model-service
-- nixproc_coordinator  coordinator   coordinator
SET client_min_messages = warning;
SET nixproc.ids_password = :'ids_password';
SET nixproc.models_password = :'models_password';
SET nixproc.coordinator_password = :'coordinator_password';

DO $roles$
DECLARE
  service text;
  member text;
  object record;
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  REVOKE ALL ON SCHEMA public FROM PUBLIC;
  FOREACH service IN ARRAY ARRAY['ids', 'models', 'coordinator'] LOOP
    member := 'nixproc_' || service;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = member) THEN
      EXECUTE format('CREATE ROLE %I', member);
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
                   member, current_setting('nixproc.' || service || '_password'));
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), member);
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, member);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service, member);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
    -- what a single role made before: tables and views (their owned sequences follow), free sequences, functions
    FOR object IN
      SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = service AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    LOOP
      EXECUTE format('ALTER %s %I.%I OWNER TO %I',
                     CASE object.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                         WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                     service, object.relname, member);
    END LOOP;
    FOR object IN
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = service AND c.relkind = 'S'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
    LOOP
      EXECUTE format('ALTER SEQUENCE %I.%I OWNER TO %I', service, object.relname, member);
    END LOOP;
    FOR object IN
      SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = service
    LOOP
      EXECUTE format('ALTER ROUTINE %s OWNER TO %I', object.signature, member);
    END LOOP;
  END LOOP;
END
$roles$;
RESET nixproc.ids_password;
RESET nixproc.models_password;
RESET nixproc.coordinator_password;
