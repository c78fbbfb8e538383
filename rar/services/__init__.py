from rar.services.core import arende_register, arende_set_status, handling_add, notisval_save  # noqa: F401
