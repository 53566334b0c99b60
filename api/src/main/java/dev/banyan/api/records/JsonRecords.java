package dev.banyan.api.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The mapper every record is written and read with, and the rule for numbers JSON cannot hold. */
public final class JsonRecords {
    /** Writes properties in each record's declared order; reads tolerate fields a later version adds. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonRecords() {
    }

    /** One JSON line (without its newline) for {@code record}. */
    public static String line(Object record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a " + record.getClass().getSimpleName(), e);
        }
    }

    /** {@code value}, or null where it is NaN or infinite (JSON has no such numbers). */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** A saved number, NaN where it is absent. */
    static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
