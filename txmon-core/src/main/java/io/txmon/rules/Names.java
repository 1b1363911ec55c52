package io.txmon.rules;

import io.txmon.features.Feature;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What a name in the rule language may be, and which known name a misspelt one was meant to be. */
final class Names {
    /** Parameters are lower snake case, like features, so that conditions read uniformly. */
    private static final Pattern PARAMETER = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** CEL's keywords and reserved words; a parameter so named would not parse in CEL. */
    private static final Set<String> CEL_RESERVED = Set.of(
            "true",
            "false",
            "null",
            "in",
            "as",
            "break",
            "const",
            "continue",
            "else",
            "for",
            "function",
            "if",
            "import",
            "let",
            "loop",
            "package",
            "namespace",
            "return",
            "var",
            "void",
            "while");

    /** The namespace of the functions the language borrows from CEL's math extension. */
    static final String FUNCTION_NAMESPACE = "math";

    private Names() {}

    /** Why {@code name} cannot name a parameter, or empty when it can; the message leaves the name out. */
    static Optional<String> parameterProblem(String name) {
        if (!PARAMETER.matcher(name).matches()) {
            return Optional.of("a parameter name must be lower case letters, digits and '_', starting with a letter,"
                    + " at most 64 characters");
        }
        if (Feature.byName(name).isPresent()) {
            return Optional.of("a parameter may not have the name of a feature");
        }
        if (CEL_RESERVED.contains(name) || name.equals(FUNCTION_NAMESPACE)) {
            return Optional.of("'" + name + "' is a reserved word in CEL");
        }
        return Optional.empty();
    }

    /**
     * The candidate closest to {@code name} by edit distance (insertions, deletions, substitutions and
     * swaps of adjacent letters), the first one on ties.
     */
    static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Optimal string alignment distance (Damerau 1964; Boytsov 2011 on its variants). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
