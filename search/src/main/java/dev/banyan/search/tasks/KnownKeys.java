package dev.banyan.search.tasks;

import dev.banyan.search.EditDistance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Messages for a key that is not one of a known set, with the nearest known key suggested: a misspelt
 * setting ({@code budgetToken}) must fail loudly and say what was probably meant.
 */
public final class KnownKeys {
    private KnownKeys() {
    }

    /**
     * The known key nearest to {@code key} by edit distance (ignoring case), if one is near enough to be a
     * likely misspelling: at most a third of the key's length away, and at least 2 edits allowed.
     */
    public static Optional<String> nearest(String key, Collection<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) {
            int distance = EditDistance.between(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, key.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /**
     * {@code SOURCE: unknown key "budgetToken"; did you mean "budgetTokens"? (known keys: a, b, c)}.
     *
     * @param source where the key was read, e.g. {@code models/m/banyan.json}
     * @param what what the keys are, for the message: {@code key}, {@code setting}
     */
    public static String unknown(String source, String what, String key, Collection<String> known) {
        return source + ": unknown " + what + " \"" + key + "\""
                + nearest(key, known).map(near -> "; did you mean \"" + near + "\"?").orElse("")
                + " (known " + what + "s: " + String.join(", ", new TreeSet<>(known)) + ")";
    }
}
