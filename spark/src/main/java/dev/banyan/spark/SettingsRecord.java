package dev.banyan.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.api.records.JsonRecords;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code OUT/_banyan-job.json}: the settings an output was written with (model, algorithm, budget, seed, exports,
 * …). A later run on the same output must use the same ones, or its lines would not be comparable with the earlier
 * ones; the device, the partitions and the output format may change.
 */
final class SettingsRecord {
    private SettingsRecord() {
    }

    /** Writes {@code settings} on the first run; on later runs fails, naming each setting that differs. */
    static void check(FileSystem fs, Path file, Map<String, Object> settings) {
        try {
            // Through text, so that numbers compare as they read back (600 written as a long reads as an int).
            JsonNode now = JsonRecords.MAPPER.readTree(JsonRecords.MAPPER.writeValueAsString(settings));
            if (!fs.exists(file)) {
                Path output = file.getParent();
                if (fs.exists(output) && fs.listStatus(output).length > 0) {
                    throw new IllegalArgumentException("the output " + output + " already holds files, but none this "
                            + "job wrote (no " + file.getName() + "); choose another --output");
                }
                ObjectNode record = JsonRecords.MAPPER.createObjectNode();
                record.set("settings", now);
                try (FSDataOutputStream out = fs.create(file, false)) {
                    out.write(JsonRecords.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
                }
                return;
            }
            JsonNode before;
            try (InputStream in = fs.open(file)) {
                before = JsonRecords.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .path("settings");
            }
            List<String> differences = new ArrayList<>();
            for (Iterator<String> names = now.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode earlier = before.path(name);
                JsonNode current = now.get(name);
                if (!(earlier.isMissingNode() && current.isNull()) && !earlier.equals(current)) {
                    differences.add("--" + name + " " + shown(current) + " (the output's: " + shown(earlier) + ")");
                }
            }
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException("the output " + file.getParent() + " was written with other "
                        + "settings: " + String.join(", ", differences) + "; give the same settings to continue it, "
                        + "or another --output");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String shown(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "not set" : value.isTextual() ? value.asText() : value.toString();
    }
}
