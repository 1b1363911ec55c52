package io.txmon.transaction;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 codes as the JDK knows them. */
final class Countries {
    private static final Set<String> ISO_ALPHA_2 =
            Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

    private Countries() {}

    static boolean isIsoAlpha2(String code) {
        return ISO_ALPHA_2.contains(code);
    }
}
