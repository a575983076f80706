-- Schema 7: RESERVED, does nothing. Issue 12 gave this number to another branch; this
-- placeholder only lets branch i12-operator (schema 0011) migrate on its own, since
-- storage/migrate.py wants versions 1..n without gaps. When merging, delete it if a branch
-- brings a real 0007 (migrate.py refuses two files of one number, so a forgotten placeholder
-- cannot go unnoticed); keep it if none does.
SELECT 1;
