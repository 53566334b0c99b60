package dev.banyan.cli;

import dev.banyan.search.AlgorithmSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Option converters that reject bad values while the command line is parsed, before any work starts. */
final class Converters {
    private Converters() {
    }

    /** A whole number of at least 1. */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long parsed;
            try {
                parsed = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (parsed < 1) {
                throw new TypeConversionException("must be positive, was " + parsed);
            }
            return parsed;
        }
    }

    /** A whole number from 1 to {@link Integer#MAX_VALUE}. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long parsed = new PositiveLong().convert(value);
            if (parsed > Integer.MAX_VALUE) {
                throw new TypeConversionException("must be at most " + Integer.MAX_VALUE + ", was " + parsed);
            }
            return (int) parsed;
        }
    }

    /** An algorithm's command-line name, checked against {@link AlgorithmSpec#NAMES}. */
    static final class AlgorithmName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return AlgorithmSpec.parse(value.strip()).name();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    // banyan-spark's JobCommand parses durations again: it must not depend on banyan-cli, and api has no picocli.
    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT1M30S}. */
    static final class DurationValue implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase(Locale.ROOT);
            Matcher matcher = SHORT.matcher(text);
            Duration duration;
            if (matcher.matches()) {
                try {
                    long amount = Long.parseLong(matcher.group(1));
                    duration = switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    };
                } catch (NumberFormatException | ArithmeticException e) {
                    throw tooLong(value);
                }
            } else {
                try {
                    duration = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 5m, 1h or PT1M30S");
                }
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("must be positive, was " + value);
            }
            if (duration.compareTo(MAX) > 0) {
                throw tooLong(value);
            }
            return duration;
        }

        /** The longest limit taken: a year, far below where nanoseconds overflow a long (about 292 years). */
        static final Duration MAX = Duration.ofDays(366);

        private static TypeConversionException tooLong(String value) {
            return new TypeConversionException("'" + value + "' is too long; the longest time limit is "
                    + MAX.toDays() + " days (8784h)");
        }
    }
}
