package dev.banyan.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.banyan.api.Solution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The files of {@code --export-dir}: {@value #TREES} and one file per {@link ExportFormat}. */
final class ExportDirectory implements AutoCloseable {
    static final String TREES = "trees.jsonl";

    private final JsonlAppender trees;
    private final Map<ExportFormat, JsonlAppender> formats = new EnumMap<>(ExportFormat.class);

    private ExportDirectory(Path directory) {
        this.trees = new JsonlAppender(directory.resolve(TREES));
        for (ExportFormat format : ExportFormat.values()) {
            formats.put(format, new JsonlAppender(directory.resolve(format.fileName)));
        }
    }

    /**
     * Opens the directory for appending. Fresh: every file must be absent or empty. Resuming: each file keeps
     * only the records of {@code done} problems, so problems that run again are not written twice.
     */
    static ExportDirectory open(Path directory, boolean resume, Set<String> done) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        for (Path file : files(directory)) {
            if (resume) {
                ResumableOutput.keepOnly(file, done);
            } else {
                ResumableOutput.requireFresh(file);
            }
        }
        return new ExportDirectory(directory);
    }

    /** Writes a problem's tree and training records; call before its output line, which marks it done. */
    void write(Solution solution) {
        trees.append(Records.tree(solution));
        for (ExportFormat format : ExportFormat.values()) {
            List<ObjectNode> records = format.records(solution.id(), solution.result().tree(), solution.task(),
                    solution.targets());
            JsonlAppender file = formats.get(format);
            records.forEach(file::append);
        }
    }

    @Override
    public void close() {
        trees.close();
        formats.values().forEach(JsonlAppender::close);
    }

    private static List<Path> files(Path directory) {
        List<Path> files = new ArrayList<>();
        files.add(directory.resolve(TREES));
        for (ExportFormat format : ExportFormat.values()) {
            files.add(directory.resolve(format.fileName));
        }
        return files;
    }
}
