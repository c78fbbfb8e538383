"""PostgreSQL triggers: the last line behind the locks of rar.moten.locks.

A paragraph (rar_paragraf) is locked when it is adjusted at once, signed for immediate justering, its
funding decision executed (utfall set), or its meeting's protocol adjusted or signed by anyone. A meeting's
facts (date, time, place, officers, attendance) are locked when its protocol is, or any of its §§ is.
Locked rows refuse UPDATE and DELETE (and the child rows of a locked § or meeting refuse INSERT too), except
the columns the steps after locking write: on the meeting status (forwards only), version, justerat_tid
(once), the reasons for late justering and anslag (once) and the anslag dates and storage place (until
posted); on the paragraph omedelbart_justerad_tid (once, when the second signature completes it).
Signatures are never updated or deleted. Every refusal is SQLSTATE 23001 (restrict_violation), which Django
raises as IntegrityError. The same rules are checked in the services first, with Swedish messages.
"""

from django.db import migrations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION rar_moten_vagra(vad text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Ändringen är inte tillåten: protokollet är låst (%).', vad
        USING ERRCODE = 'restrict_violation', HINT = 'En rättelse görs som en ny paragraf vid ett senare sammanträde.';
END $$;

-- The protocol is adjusted, or someone has signed it.
CREATE OR REPLACE FUNCTION rar_moten_protokoll_last(mid bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM rar_sammantrade s WHERE s.id = mid AND s.status IN ('justerat', 'anslaget'))
        OR EXISTS (SELECT 1 FROM rar_justeringsignatur j WHERE j.sammantrade_id = mid)
$$;

-- Locked on its own: adjusted at once, signed for immediate justering, or its decision executed.
CREATE OR REPLACE FUNCTION rar_moten_paragraf_egen_last(pid bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM rar_paragraf p WHERE p.id = pid
                   AND (p.omedelbart_justerad_tid IS NOT NULL OR p.utfall <> ''))
        OR EXISTS (SELECT 1 FROM rar_paragrafsignatur s WHERE s.paragraf_id = pid)
$$;

CREATE OR REPLACE FUNCTION rar_moten_paragraf_last(pid bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT rar_moten_paragraf_egen_last(pid)
        OR EXISTS (SELECT 1 FROM rar_paragraf p WHERE p.id = pid AND rar_moten_protokoll_last(p.sammantrade_id))
$$;

CREATE OR REPLACE FUNCTION rar_moten_sammantrade_last(mid bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT rar_moten_protokoll_last(mid)
        OR EXISTS (SELECT 1 FROM rar_paragraf p WHERE p.sammantrade_id = mid AND rar_moten_paragraf_egen_last(p.id))
$$;

CREATE OR REPLACE FUNCTION rar_moten_sammantrade_skydd() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fria text[] := ARRAY['status', 'version', 'justerat_tid', 'justering_forsening', 'anslag_uppsatt', 'anslag_nedtas',
                         'anslag_forsening', 'forvaringsplats'];
    steg text[] := ARRAY['planerat', 'kallat', 'genomfort', 'justering', 'justerat', 'anslaget'];
BEGIN
    IF NOT rar_moten_sammantrade_last(OLD.id) THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM rar_moten_vagra(format('sammanträdet %s kan inte tas bort', OLD.datum));
    END IF;
    IF (to_jsonb(NEW) - fria) IS DISTINCT FROM (to_jsonb(OLD) - fria) THEN
        PERFORM rar_moten_vagra('datum, tid, plats, funktionärer och närvaro kan inte ändras');
    END IF;
    IF array_position(steg, NEW.status::text) < array_position(steg, OLD.status::text) THEN
        PERFORM rar_moten_vagra(format('statusen kan inte gå tillbaka från %s', OLD.status));
    END IF;
    IF (OLD.justerat_tid IS NOT NULL AND NEW.justerat_tid IS DISTINCT FROM OLD.justerat_tid)
       OR (OLD.justering_forsening <> '' AND NEW.justering_forsening IS DISTINCT FROM OLD.justering_forsening)
       OR (OLD.status = 'anslaget'
           AND (NEW.anslag_uppsatt, NEW.anslag_nedtas, NEW.anslag_forsening, NEW.forvaringsplats)
               IS DISTINCT FROM (OLD.anslag_uppsatt, OLD.anslag_nedtas, OLD.anslag_forsening, OLD.forvaringsplats)) THEN
        PERFORM rar_moten_vagra('justeringen och anslaget skrivs en gång');
    END IF;
    RETURN NEW;
END $$;

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

-- Motions, votes, reservations and jäv of a locked paragraph.
CREATE OR REPLACE FUNCTION rar_moten_paragrafdel_skydd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NEW;
    END IF;
    IF (TG_OP <> 'INSERT' AND rar_moten_paragraf_last(OLD.paragraf_id))
       OR (TG_OP <> 'DELETE' AND rar_moten_paragraf_last(NEW.paragraf_id)) THEN
        PERFORM rar_moten_vagra(format('%s i en låst paragraf', TG_TABLE_NAME));
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

-- Attendance and adjusters of a locked meeting.
CREATE OR REPLACE FUNCTION rar_moten_sammantradedel_skydd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NEW;
    END IF;
    IF (TG_OP <> 'INSERT' AND rar_moten_sammantrade_last(OLD.sammantrade_id))
       OR (TG_OP <> 'DELETE' AND rar_moten_sammantrade_last(NEW.sammantrade_id)) THEN
        PERFORM rar_moten_vagra(format('%s i ett låst sammanträde', TG_TABLE_NAME));
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE OR REPLACE FUNCTION rar_moten_signatur_skydd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rar_moten_vagra(format('en signatur (%s) ändras eller tas aldrig bort', TG_TABLE_NAME));
    RETURN NULL;
END $$;
"""

TRIGGERS = [  # (table, function, events)
    ("rar_sammantrade", "rar_moten_sammantrade_skydd", "UPDATE OR DELETE"),
    ("rar_paragraf", "rar_moten_paragraf_skydd", "UPDATE OR DELETE"),
    ("rar_yrkande", "rar_moten_paragrafdel_skydd", "INSERT OR UPDATE OR DELETE"),
    ("rar_votering", "rar_moten_paragrafdel_skydd", "INSERT OR UPDATE OR DELETE"),
    ("rar_reservation", "rar_moten_paragrafdel_skydd", "INSERT OR UPDATE OR DELETE"),
    ("rar_paragraf_javiga", "rar_moten_paragrafdel_skydd", "INSERT OR UPDATE OR DELETE"),
    ("rar_narvaro", "rar_moten_sammantradedel_skydd", "INSERT OR UPDATE OR DELETE"),
    ("rar_sammantrade_justerare", "rar_moten_sammantradedel_skydd", "INSERT OR UPDATE OR DELETE"),
    ("rar_justeringsignatur", "rar_moten_signatur_skydd", "UPDATE OR DELETE"),
    ("rar_paragrafsignatur", "rar_moten_signatur_skydd", "UPDATE OR DELETE"),
]

CREATE = FUNCTIONS + "".join(
    f"CREATE TRIGGER {table}_las BEFORE {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();\n"
    for table, function, events in TRIGGERS
)
DROP = "".join(f"DROP TRIGGER IF EXISTS {table}_las ON {table};\n" for table, _, _ in TRIGGERS) + """
DROP FUNCTION IF EXISTS rar_moten_signatur_skydd(), rar_moten_sammantradedel_skydd(), rar_moten_paragrafdel_skydd(),
    rar_moten_paragraf_skydd(), rar_moten_sammantrade_skydd(), rar_moten_sammantrade_last(bigint),
    rar_moten_paragraf_last(bigint), rar_moten_paragraf_egen_last(bigint), rar_moten_protokoll_last(bigint),
    rar_moten_vagra(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("rar", "0014_moten_signaturer_rattelse_forsening"),
    ]

    operations = [migrations.RunSQL(CREATE, reverse_sql=DROP)]
