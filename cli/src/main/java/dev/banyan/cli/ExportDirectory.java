package dev.banyan.cli;

import dev.banyan.api.Solution;
import dev.banyan.api.records.ExportFormat;
import dev.banyan.api.records.ExportRecord;
import dev.banyan.api.records.TreeLine;

import java.io.PrintWriter;
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
            formats.put(format, new JsonlAppender(directory.resolve(format.fileName())));
        }
    }

    /**
     * Opens the directory for appending. Fresh: every file must be absent or empty. Resuming: each file keeps
     * only the records of {@code done} problems, so problems that run again are not written twice.
     */
    static ExportDirectory open(Path directory, boolean resume, Set<String> done, PrintWriter err) {
        Outputs.createDirectories(directory, "--export-dir");
        for (Path file : files(directory)) {
            if (resume) {
                int dropped = ResumableOutput.keepOnly(file, done);
                if (dropped > 0) {
                    err.printf("resuming: dropped %d records of %s whose problems have no output line (they run "
                            + "again)%n", dropped, file);
                }
            } else {
                requireFreshFile(file);
            }
        }
        return new ExportDirectory(directory);
    }

    /** Fails unless every export file is absent or empty (a fresh run). Reads only. */
    static void requireFresh(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UserError("--export-dir " + directory + " is a file, not a directory");
        }
        for (Path file : files(directory)) {
            requireFreshFile(file);
        }
    }

    private static void requireFreshFile(Path file) {
        Outputs.requireFreshFile(file, "export file", false,
                "pass --resume to continue that run, or choose another --export-dir");
    }

    /** {@value #TREES} with its count of records, or else the export file holding the most; for the check that a resume loses none. */
    static Map.Entry<Path, Long> fullest(Path directory) {
        Map.Entry<Path, Long> fullest = Map.entry(directory.resolve(TREES), ResumableOutput.records(directory.resolve(TREES)));
        if (fullest.getValue() > 0) {
            return fullest;
        }
        for (Path file : files(directory)) {
            long records = ResumableOutput.records(file);
            if (records > fullest.getValue()) {
                fullest = Map.entry(file, records);
            }
        }
        return fullest;
    }

    /**
     * Writes a problem's tree and training records; call before its output line, which marks it done. Whole, under
     * one lock: problems searched at once finish on their own threads, and their records must not interleave, so
     * that every file lists the problems in the order of the trees.
     */
    synchronized void write(Solution solution) {
        trees.append(TreeLine.of(solution));
        for (ExportFormat format : ExportFormat.values()) {
            List<ExportRecord> records = format.records(solution.id(), solution.result().tree(), solution.task(),
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

    static List<Path> files(Path directory) {
        List<Path> files = new ArrayList<>();
        files.add(directory.resolve(TREES));
        for (ExportFormat format : ExportFormat.values()) {
            files.add(directory.resolve(format.fileName()));
        }
        return files;
    }
}
