"""The last line for money, in PostgreSQL: final money rows cannot be changed or removed by any route.

- A paid invoice (rekvisition) is neither updated nor deleted.
- A granted amount (beviljat) never changes and is never deleted: a new decision adds rows.
- A transfer (överföring) is a recorded decision: never updated; deleted only when it is an advance
  (förskott) whose invoice nobody has decided on yet, which is what rejecting that invoice does.
- Once a party has signed an agreement (avtal), its terms and the given signature do not change and the
  agreement is not deleted; the other party's signature may still be added once.

Each refusal is an integrity_constraint_violation (Django's IntegrityError) with a Swedish message.
"""

from django.db import migrations

SQL = r"""
CREATE FUNCTION insatser_refuse(message text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', message USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE FUNCTION insatser_rekvisition_paid_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'betald' THEN
        PERFORM insatser_refuse(format('Rekvisition %s är betald och kan inte ändras eller tas bort.', OLD.id));
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER rekvisition_paid_is_final BEFORE UPDATE OR DELETE ON insatser_rekvisition
    FOR EACH ROW EXECUTE FUNCTION insatser_rekvisition_paid_is_final();

CREATE FUNCTION insatser_beviljat_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (NEW.belopp, NEW.ar, NEW.insats_id, NEW.ansokan_id)
                           IS DISTINCT FROM (OLD.belopp, OLD.ar, OLD.insats_id, OLD.ansokan_id) THEN
        PERFORM insatser_refuse(format('Beviljat belopp för %s (%s kr) är beslutat och kan inte ändras eller tas bort.',
                                       OLD.ar, OLD.belopp));
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER beviljat_is_final BEFORE UPDATE OR DELETE ON insatser_beviljat
    FOR EACH ROW EXECUTE FUNCTION insatser_beviljat_is_final();

CREATE FUNCTION insatser_overforing_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM insatser_refuse('En överföring är ett beslut och kan inte ändras.');
    ELSIF NOT (OLD.typ = 'forskott' AND EXISTS (
            SELECT 1 FROM insatser_rekvisition r WHERE r.id = OLD.rekvisition_id AND r.status = 'inskickad')) THEN
        PERFORM insatser_refuse('En överföring kan inte tas bort (bara ett förskott, när dess rekvisition avslås).');
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER overforing_is_final BEFORE UPDATE OR DELETE ON insatser_overforing
    FOR EACH ROW EXECUTE FUNCTION insatser_overforing_is_final();

CREATE FUNCTION insatser_avtal_signed_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.agare_signerad_tid IS NULL AND OLD.forbund_signerad_tid IS NULL THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE'
       OR (NEW.insats_id, NEW.ansokan_id, NEW.period_start, NEW.period_slut, NEW.rapportintervall_manader, NEW.villkor)
          IS DISTINCT FROM (OLD.insats_id, OLD.ansokan_id, OLD.period_start, OLD.period_slut,
                            OLD.rapportintervall_manader, OLD.villkor)
       OR (OLD.agare_signerad_tid IS NOT NULL AND (NEW.agare_signerad_tid, NEW.agare_signerad_av)
                                                  IS DISTINCT FROM (OLD.agare_signerad_tid, OLD.agare_signerad_av))
       OR (OLD.forbund_signerad_tid IS NOT NULL AND (NEW.forbund_signerad_tid, NEW.forbund_signerad_av)
                                                    IS DISTINCT FROM (OLD.forbund_signerad_tid, OLD.forbund_signerad_av))
    THEN
        PERFORM insatser_refuse('Avtalet är godkänt av en part: villkoren och givna underskrifter kan inte ändras.');
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER avtal_signed_is_final BEFORE UPDATE OR DELETE ON insatser_avtal
    FOR EACH ROW EXECUTE FUNCTION insatser_avtal_signed_is_final();
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS avtal_signed_is_final ON insatser_avtal;
DROP TRIGGER IF EXISTS overforing_is_final ON insatser_overforing;
DROP TRIGGER IF EXISTS beviljat_is_final ON insatser_beviljat;
DROP TRIGGER IF EXISTS rekvisition_paid_is_final ON insatser_rekvisition;
DROP FUNCTION IF EXISTS insatser_avtal_signed_is_final();
DROP FUNCTION IF EXISTS insatser_overforing_is_final();
DROP FUNCTION IF EXISTS insatser_beviljat_is_final();
DROP FUNCTION IF EXISTS insatser_rekvisition_paid_is_final();
DROP FUNCTION IF EXISTS insatser_refuse(text);
"""


class Migration(migrations.Migration):
    dependencies = [("insatser", "0005_rekvisition_betald_av")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
