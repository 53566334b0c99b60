package dev.banyan.search;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.search.tasks.StrictJson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@link AlgorithmSpec#parse(String, Map)}: settings bound by Jackson onto an algorithm's record over its defaults. */
final class AlgorithmSettings {
    private static final ObjectMapper JSON = StrictJson.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS) // greedy's record has no settings
            .addHandler(new KebabEnums())
            .build();

    private AlgorithmSettings() {
    }

    /**
     * {@code defaults} with each of {@code settings} in place of its component; a null setting keeps the default.
     * The record's own constructor checks the result.
     */
    static AlgorithmSpec bind(AlgorithmSpec defaults, Map<String, ?> settings) {
        ObjectNode merged = JSON.valueToTree(defaults);
        List<String> known = new ArrayList<>();
        merged.fieldNames().forEachRemaining(known::add);
        settings.forEach((key, value) -> {
            if (value != null || !merged.has(key)) { // an unknown key is refused below, null or not
                merged.set(key, JSON.valueToTree(value));
            }
        });
        try {
            return StrictJson.bind(JSON, merged, defaults.getClass());
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown setting '" + e.getPropertyName() + "' for " + defaults.name()
                    + "; expected one of " + String.join(", ", known));
        } catch (ValueInstantiationException e) {
            throw e.getCause() instanceof IllegalArgumentException bad ? bad
                    : new IllegalStateException("cannot build " + defaults.name() + " settings", e.getCause());
        } catch (JsonMappingException e) {
            JsonNode given = StrictJson.value(merged, e);
            throw new IllegalArgumentException(defaults.name() + " setting '" + StrictJson.key(e) + "' must be "
                    + expected(StrictJson.targetType(e), given, e) + ", was "
                    + (given.isValueNode() ? given.asText() : given));
        }
    }

    /** What a setting of {@code type} takes, said for {@code given}, which it could not take. */
    private static String expected(Class<?> type, JsonNode given, JsonMappingException e) {
        if (type == int.class || type == long.class) {
            return !given.isNumber() ? "a number" : given.isIntegralNumber() ? "a whole number that fits " + type
                    : "a whole number";
        }
        if (type == double.class) {
            return "a number";
        }
        if (type == boolean.class) {
            return "true or false";
        }
        if (type != null && type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "valid (" + e.getOriginalMessage() + ")"; // no record has a setting of another type yet
    }

    /** Enum settings as written in JSON and on the command line: in any case, {@code -} for {@code _}. */
    private static final class KebabEnums extends DeserializationProblemHandler {
        @Override
        public Object handleWeirdStringValue(DeserializationContext context, Class<?> type, String value,
                                             String failure) {
            String name = value.replace('-', '_');
            return type.isEnum() ? Arrays.<Object>stream(type.getEnumConstants())
                    .filter(constant -> ((Enum<?>) constant).name().equalsIgnoreCase(name))
                    .findFirst().orElse(NOT_HANDLED) : NOT_HANDLED;
        }
    }
}
