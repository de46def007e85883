"""The ISO 3166-1 alpha-2 codes of the world's countries, from CLDR (their names are loaded by a migration)."""

from babel import Locale

# CLDR territories that are two letters but not ISO 3166-1 countries.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


def iso_codes():
    return sorted(code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)
