"""The secrecy mark of a paragraph (sekretess) decides what the public notice board shows, so staff may set or
clear it on a locked paragraph until the notice is posted (status 'anslaget'); everything else stays locked."""

from django.db import migrations

FUNCTION = r"""
CREATE OR REPLACE FUNCTION rar_moten_paragraf_skydd() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fria text[] := ARRAY[]::text[];
BEGIN
    IF NOT rar_moten_paragraf_last(OLD.id) THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM rar_moten_vagra(format('§ %s kan inte tas bort', OLD.nummer));
    END IF;
    IF OLD.omedelbart_justerad_tid IS NULL THEN
        fria := fria || ARRAY['omedelbart_justerad_tid'];
    END IF;
    IF NOT EXISTS (SELECT 1 FROM rar_sammantrade s WHERE s.id = OLD.sammantrade_id AND s.status = 'anslaget') THEN
        fria := fria || ARRAY['sekretess'];
    END IF;
    IF (to_jsonb(NEW) - fria) IS DISTINCT FROM (to_jsonb(OLD) - fria) THEN
        PERFORM rar_moten_vagra(format('§ %s kan inte ändras', OLD.nummer));
    END IF;
    RETURN NEW;
END $$;
"""

REVERSE = r"""
CREATE OR REPLACE FUNCTION rar_moten_paragraf_skydd() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fria text[] := ARRAY[]::text[];
BEGIN
    IF NOT rar_moten_paragraf_last(OLD.id) THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM rar_moten_vagra(format('§ %s kan inte tas bort', OLD.nummer));
    END IF;
    IF OLD.omedelbart_justerad_tid IS NULL THEN
        fria := ARRAY['omedelbart_justerad_tid'];
    END IF;
    IF (to_jsonb(NEW) - fria) IS DISTINCT FROM (to_jsonb(OLD) - fria) THEN
        PERFORM rar_moten_vagra(format('§ %s kan inte ändras', OLD.nummer));
    END IF;
    RETURN NEW;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("rar", "0020_paragraf_sekretess")]

    operations = [migrations.RunSQL(FUNCTION, REVERSE)]
