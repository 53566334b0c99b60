package dev.banyan.cli;

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
        Outputs.requireFreshFile(file, "output", false, "pass --resume to continue that run, or choose another output");
    }

    /** The number of non-blank lines of {@code file}; 0 when it is missing. Reads only. */
    static long records(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + IoErrors.reason(e));
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

    /** The ids of {@code output}'s lines that record a failed search (they carry an {@code "error"}). */
    static Set<String> failed(Path output) {
        if (!Files.exists(output)) {
            return Set.of();
        }
        List<String> lines = wholeLines(output);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = parse(output, i + 1, lines.get(i));
            if (isFailure(node)) {
                ids.add(idOf(output, i + 1, node));
            }
        }
        return ids;
    }

    /**
     * Rewrites {@code output} without its lines of failed searches, so that they run again.
     *
     * @return how many lines were dropped
     */
    static int dropFailed(Path output) {
        return rewrite(output, (id, node) -> !isFailure(node));
    }

    /**
     * Rewrites {@code file} to keep only whole lines whose id is in {@code done}; a missing file is left so.
     *
     * @return how many lines were dropped
     */
    static int keepOnly(Path file, Set<String> done) {
        return rewrite(file, (id, node) -> done.contains(id));
    }

    private static boolean isFailure(JsonNode line) {
        JsonNode error = line.get("error");
        return error != null && !error.isNull();
    }

    private static int rewrite(Path file, java.util.function.BiPredicate<String, JsonNode> keep) {
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = wholeLines(file);
        List<String> kept = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = parse(file, i + 1, lines.get(i));
            if (keep.test(idOf(file, i + 1, node), node)) {
                kept.add(lines.get(i));
            }
        }
        if (kept.size() == lines.size()) {
            return 0;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".resume");
        try {
            Files.write(temporary, kept, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + IoErrors.reason(e), e);
        }
        return lines.size() - kept.size();
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
            throw new UncheckedIOException("cannot read " + file + ": " + IoErrors.reason(e), e);
        }
    }

    private static String idOf(Path file, int lineNumber, String line) {
        return idOf(file, lineNumber, parse(file, lineNumber, line));
    }

    private static JsonNode parse(Path file, int lineNumber, String line) {
        JsonNode node;
        try {
            node = JsonLines.parse(line, file + " line " + lineNumber);
        } catch (UserError e) {
            throw new UserError(e.getMessage() + "; so the run cannot be resumed");
        }
        return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    private static String idOf(Path file, int lineNumber, JsonNode node) {
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual()) {
            throw new UserError(file + " line " + lineNumber + ": has no \"id\", so the run cannot be resumed");
        }
        return id.asText();
    }
}
