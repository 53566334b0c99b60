package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A tree record as one HTML file: the page template with the record embedded as JSON, drawn by the page's own
 * script. Nothing is fetched, so the file works offline and can be mailed around.
 */
final class TreeHtml {
    private static final String TEMPLATE = "tree-viewer.html";
    private static final String DATA_SLOT = "/*TREE_DATA*/";
    private static final String TITLE_SLOT = "<!--TITLE-->";

    private TreeHtml() {
    }

    /** Writes the page whole or not at all (through a temporary file and a rename). */
    static void write(JsonNode treeRecord, Path file) {
        Outputs.writeAtomically(file, render(treeRecord));
    }

    static String render(JsonNode treeRecord) {
        String title = "Banyan search tree: " + treeRecord.path("id").asText() + " (" + treeRecord.path("question").asText() + ")";
        // Data first: escaped JSON holds no '<', so the title slot cannot appear inside it.
        return template().replace(DATA_SLOT, scriptSafeJson(treeRecord)).replace(TITLE_SLOT, escapeHtml(title));
    }

    /** JSON that cannot end its script element early: markup characters become Unicode escapes. */
    static String scriptSafeJson(JsonNode node) {
        try {
            return JsonRecords.MAPPER.writeValueAsString(node)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the tree", e);
        }
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String template() {
        try (InputStream in = TreeHtml.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + TEMPLATE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + TEMPLATE, e);
        }
    }
}
