package dev.banyan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumableOutputTest {
    @TempDir
    Path dir;

    @Test
    void aPartialLastLineIsCutOffAndTheWholeLinesIdsAreDone() throws IOException {
        Path file = dir.resolve("out.jsonl");
        Files.writeString(file, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"ques");

        assertThat(ResumableOutput.recover(file)).containsExactly("a", "b");
        assertThat(Files.readString(file)).isEqualTo("{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
    }

    @Test
    void aCompleteRecordWithoutItsNewlineCountsAsUnfinished() throws IOException {
        Path file = dir.resolve("out.jsonl");
        Files.writeString(file, "{\"id\":\"a\"}\n{\"id\":\"b\"}");

        assertThat(ResumableOutput.recover(file)).containsExactly("a");
        assertThat(Files.readString(file)).isEqualTo("{\"id\":\"a\"}\n");
    }

    @Test
    void aMissingOutputHasNothingDone() {
        assertThat(ResumableOutput.recover(dir.resolve("absent.jsonl"))).isEmpty();
    }

    @Test
    void aCorruptLineInTheMiddleStopsTheResume() throws IOException {
        Path file = dir.resolve("out.jsonl");
        Files.writeString(file, "{\"id\":\"a\"}\n{\"id\n{\"id\":\"c\"}\n");

        assertThatThrownBy(() -> ResumableOutput.recover(file)).isInstanceOf(UserError.class)
                .hasMessageContaining("out.jsonl line 2");
    }

    @Test
    void exportsKeepOnlyTheRecordsOfDoneProblems() throws IOException {
        Path file = dir.resolve("sft.jsonl");
        Files.writeString(file, "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":1}\n{\"id\":\"a\",\"n\":2}\n{\"id\":\"c\"");

        ResumableOutput.keepOnly(file, Set.of("a"));

        assertThat(Files.readAllLines(file)).isEqualTo(List.of("{\"id\":\"a\",\"n\":1}", "{\"id\":\"a\",\"n\":2}"));
    }

    @Test
    void aFreshOutputMayExistOnlyEmpty() throws IOException {
        Path file = dir.resolve("out.jsonl");
        ResumableOutput.requireFresh(file);
        Files.writeString(file, "");
        ResumableOutput.requireFresh(file);
        Files.writeString(file, "{}\n");

        assertThatThrownBy(() -> ResumableOutput.requireFresh(file)).hasMessageContaining("--resume");
    }
}
