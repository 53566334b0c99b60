package dev.banyan.search.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.stream.Collectors;

/**
 * Jackson set up to bind a settings file ({@code banyan.json}, {@code prm.json}, an algorithm's settings) onto a
 * record without guessing, and where a binding failed, so that a reader can say which key was wrong and what it held.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * A mapper builder that refuses a repeated key, text after the document, an unknown key, null for a primitive
     * and every coercion between kinds of value: no {@code "4"} for 4, no 2.5 (or 2.0) for an integer, no 1 for
     * {@code true}, a string or an enum's second constant, no number or boolean for a string.
     */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // ALLOW_COERCION_OF_SCALARS leaves scalars into strings on; this turns them off.
                .withCoercionConfig(LogicalType.Textual, textual -> textual
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** {@code tree}, already parsed (so only its binding can fail), bound onto {@code type}. */
    public static <T> T bind(ObjectMapper mapper, JsonNode tree, Class<T> type) throws JsonMappingException {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot bind a parsed tree onto " + type.getSimpleName(), e);
        }
    }

    /** The key a binding failure is at, dotted ({@code algorithms.beam}); empty at the document itself. */
    public static String key(JsonMappingException e) {
        return e.getPath().stream()
                .map(at -> at.getFieldName() != null ? at.getFieldName() : String.valueOf(at.getIndex()))
                .collect(Collectors.joining("."));
    }

    /** The value in {@code root} a binding failure is at. */
    public static JsonNode value(JsonNode root, JsonMappingException e) {
        JsonNode node = root;
        for (JsonMappingException.Reference at : e.getPath()) {
            node = at.getFieldName() != null ? node.path(at.getFieldName()) : node.path(at.getIndex());
        }
        return node;
    }

    /** The type the value at {@link #key} could not become (an integer too large for it, too), else null. */
    public static Class<?> targetType(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return mismatch.getTargetType();
        }
        return e.getCause() instanceof InputCoercionException outOfRange ? outOfRange.getTargetType() : null;
    }
}
