"""Personal identity numbers: recognised in free text (a real date written as a personnummer, or a valid check digit
without separator), refused, and never echoed."""

import pytest
from django.core.exceptions import ValidationError

from rar.validators import contains_personnummer, find_personnummer, mask_personnummer, validate_no_personnummer


@pytest.mark.parametrize("text", [
    "19850101-1236",                 # twelve digits with hyphen
    "198501011236",                  # twelve digits without separator
    "850101-1236",                   # ten digits with hyphen
    "8501011236",                    # ten digits without separator
    "850101+1236",                   # plus: the person has turned 100
    "19121212-1212",                 # Skatteverket's test number
    "850101 1236",                   # a space as separator
    "19850161-1233",                 # samordningsnummer: day + 60
    "8501611233",                    # samordningsnummer, ten digits
    "000229-1235",                   # 29 February exists in 2000
    "Eva Ek (19850101-1236), ordförande",  # inside free text
    "pnr:8501011236.",
    "19850101-1234",                 # the observed number: written as a personnummer, mistyped check digit
    "850101-1234",                   # the same, ten digits
])
def test_a_personnummer_or_samordningsnummer_is_recognised(text):
    assert contains_personnummer(text)


@pytest.mark.parametrize("text", [
    "8501011234",               # wrong check digit, ten digits
    "19851301-1232",            # month 13 (check digit right)
    "19850132-1239",            # day 32 (check digit right)
    "190229-1234",              # 29 February 1919/2019 does not exist
    "19850192-1236",            # samordningsnummer for day 32 (check digit right)
    "12 000 000 kr",            # an amount
    "2 700 000",
    "Dnr RAR 2026/14",
    "0701234567",               # a mobile number whose check digit does not match
    "1234567890123",            # thirteen digits: part of a longer number
    "198501011236789",          # digits running on
    "",
])
def test_ordinary_numbers_with_an_invalid_check_digit_or_date_are_not_personnummer(text):
    assert not contains_personnummer(text)


def test_the_masked_form_keeps_only_the_year_and_month():
    assert [mask_personnummer(m) for m in find_personnummer("a 19850101-1236 b 8501611233")] == ["198501**-****", "8501******"]


def test_the_validator_refuses_with_a_swedish_message_that_does_not_echo_the_number():
    with pytest.raises(ValidationError) as error:
        validate_no_personnummer("Kontakt: Eva Ek 19850101-1236")
    message = " ".join(error.value.messages)
    assert "Personnummer och samordningsnummer får inte sparas" in message
    assert "1236" not in message and "850101" not in message
