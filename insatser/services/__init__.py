"""Writes for insatser, one module per sub-domain:

- `ansokan`: applications — drafts, the rules for submitting, preparation, the working committee, the decision;
- `avtal`: agreements, the report schedule, phases, the steering group and publishing;
- `rapporter`: status and final reports and their reminders;
- `ekonomi`: invoices, advances and the year-end transfer.

Callers import the package (`from insatser import services`); the names below are its whole surface.
"""

from insatser.services.ansokan import (  # noqa: F401
    ARENDE_TYP,
    EDITABLE_FIELDS,
    SubmitErrors,
    ansokan_au_recommend,
    ansokan_create,
    ansokan_decide,
    ansokan_request_completion,
    ansokan_resume_review,
    ansokan_save,
    ansokan_send_to_au,
    ansokan_start_review,
    ansokan_submit,
    ansokan_submit_completion,
    validate_for_submit,
)
from insatser.services.avtal import (  # noqa: F401
    DEFAULT_VILLKOR,
    REPORT_DAYS_AFTER_PERIOD,
    add_months,
    avtal_sign,
    avtal_update_terms,
    fas_add,
    fas_confirm_goals,
    insats_publish,
    insats_set_styrgrupp,
    report_periods,
)
from insatser.services.base import StaleVersion  # noqa: F401
from insatser.services.ekonomi import (  # noqa: F401
    insats_close_year,
    rekvisition_approve,
    rekvisition_pay,
    rekvisition_reject,
    rekvisition_submit,
)
from insatser.services.rapporter import (  # noqa: F401
    FINAL_FIELDS,
    REPORT_FIELDS,
    lagesrapport_review,
    lagesrapport_save,
    lagesrapport_submit,
    report_goals,
    send_report_reminders,
    slutrapport_for,
    slutrapport_review,
    slutrapport_save,
    slutrapport_submit,
    validate_final_report,
    validate_report,
)
