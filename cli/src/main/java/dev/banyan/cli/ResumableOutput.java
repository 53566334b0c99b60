package dev.banyan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes an interrupted run's files ready to be appended to. The output file is the record of what is done: a
 * problem counts as done once its output line is whole. A crash may leave a partial last line, which is cut
 * off, and export lines of problems whose output line never came, which are dropped (those problems run again).
 */
final class ResumableOutput {
    private ResumableOutput() {
    }

    /** Fails unless {@code file} is absent or empty: a run never overwrites earlier results silently. */
    static void requireFresh(Path file) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                throw new UserError(file + " already exists and is not empty; pass --resume to continue that run,"
                        + " or choose another output");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Cuts a partial last line off {@code output} and returns the ids of its whole lines, in file order.
     * A missing file has none.
     */
    static Set<String> recover(Path output) {
        if (!Files.exists(output)) {
            return Set.of();
        }
        List<String> lines = wholeLines(output);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String id = idOf(output, i + 1, lines.get(i));
            if (!ids.add(id)) {
                throw new UserError(output + " line " + (i + 1) + ": id \"" + id
                        + "\" appears twice; this file was not written by one resumable run");
            }
        }
        return ids;
    }

    /** Rewrites {@code file} to keep only whole lines whose id is in {@code done}; a missing file is left so. */
    static void keepOnly(Path file, Set<String> done) {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = wholeLines(file);
        List<String> kept = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (done.contains(idOf(file, i + 1, lines.get(i)))) {
                kept.add(lines.get(i));
            }
        }
        if (kept.size() == lines.size()) {
            return;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".resume");
        try {
            Files.write(temporary, kept, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's non-blank newline-ended lines, after cutting off whatever follows the last newline. */
    private static List<String> wholeLines(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end < bytes.length) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(end);
                }
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String idOf(Path file, int lineNumber, String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UserError(file + " line " + lineNumber + ": not valid JSON, so the run cannot be resumed ("
                    + e.getOriginalMessage() + ")");
        }
        JsonNode id = node == null ? null : node.get("id");
        if (id == null || !id.isTextual()) {
            throw new UserError(file + " line " + lineNumber + ": has no \"id\", so the run cannot be resumed");
        }
        return id.asText();
    }
}
