from rar.services.core import arende_register, arende_set_status, handling_add, handling_set_shared, notisval_save  # noqa: F401
