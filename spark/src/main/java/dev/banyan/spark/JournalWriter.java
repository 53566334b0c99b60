package dev.banyan.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.banyan.api.Solution;
import dev.banyan.api.records.JsonRecords;
import dev.banyan.api.records.ResultLine;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one task attempt writes: one file per journal folder, all of the same name, each line written whole in one
 * write and flushed to the file system ({@code hflush}) before the next. A problem's export records come first, its
 * results line last: the results line marks the problem done, so a task killed in between leaves export records
 * without a results line, which the consolidation drops (that problem runs again). Files are opened on their first
 * line, so a partition that finds no training records leaves no empty files. Safe to share between threads.
 */
final class JournalWriter implements AutoCloseable {
    /**
     * Where a test makes a task fail as a killed executor would: in {@code partition}, after {@code resultsLines}
     * results lines, the next problem's export records are written, then half its results line, then the task
     * throws. Null in normal runs; set only by tests, in local mode, where executors share the test's JVM.
     */
    record Crash(int partition, int resultsLines) {
    }

    static volatile Crash crash;

    private final FileSystem fs;
    private final OutputLayout layout;
    private final String fileName;
    private final int partition;
    private final Set<Export> exports;
    private FSDataOutputStream results;
    private final Map<Export, FSDataOutputStream> exportFiles = new EnumMap<>(Export.class);
    private int resultsLines;

    JournalWriter(FileSystem fs, OutputLayout layout, String fileName, int partition, Set<Export> exports) {
        this.fs = fs;
        this.layout = layout;
        this.fileName = fileName;
        this.partition = partition;
        this.exports = exports;
    }

    /** Writes a searched problem: its export records, then its results line. */
    void solved(Solution solution) {
        // Drawn and encoded before taking the lock: with several searches per task, only the writes take turns.
        Map<Export, List<byte[]>> records = new EnumMap<>(Export.class);
        for (Export export : exports) {
            List<byte[]> lines = export.records(solution).stream().map(JournalWriter::encode).toList();
            if (!lines.isEmpty()) {
                records.put(export, lines);
            }
        }
        byte[] line = encode(ResultLine.of(solution));
        synchronized (this) {
            records.forEach((export, lines) -> {
                FSDataOutputStream out = exportFiles.computeIfAbsent(export, e -> open(layout.journal(e.key())));
                lines.forEach(bytes -> write(out, layout.journal(export.key()), bytes));
            });
            Crash planned = crash;
            if (planned != null && planned.partition() == partition && planned.resultsLines() == resultsLines) {
                write(results(), layout.journal(OutputLayout.RESULTS), Arrays.copyOf(line, line.length / 2));
                throw new IllegalStateException("simulated crash of partition " + partition + " after "
                        + resultsLines + " problems");
            }
            write(results(), layout.journal(OutputLayout.RESULTS), line);
            resultsLines++;
        }
    }

    /** Writes the results line of a problem whose search failed (it has no export records). */
    synchronized void failed(ResultLine line) {
        write(results(), layout.journal(OutputLayout.RESULTS), encode(line));
        resultsLines++;
    }

    private FSDataOutputStream results() {
        if (results == null) {
            results = open(layout.journal(OutputLayout.RESULTS));
        }
        return results;
    }

    private FSDataOutputStream open(Path folder) {
        Path file = new Path(folder, fileName);
        try {
            return fs.create(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] encode(Object record) {
        try {
            byte[] json = JsonRecords.MAPPER.writeValueAsBytes(record);
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a " + record.getClass().getSimpleName(), e);
        }
    }

    private void write(FSDataOutputStream out, Path folder, byte[] line) {
        try {
            out.write(line);
            out.hflush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + new Path(folder, fileName) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        IOException failure = null;
        for (FSDataOutputStream out : allOpen()) {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot close the journal files " + fileName + ": " + failure.getMessage(),
                    failure);
        }
    }

    private List<FSDataOutputStream> allOpen() {
        List<FSDataOutputStream> open = new ArrayList<>(exportFiles.values());
        if (results != null) {
            open.add(results);
        }
        return open;
    }
}
