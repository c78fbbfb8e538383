from rar.services.core import (  # noqa: F401
    arende_register, arende_set_status, befolkning_save, budgetpost_save, handling_add, handling_set_shared,
    medlemsbidrag_save, notisval_save,
)
