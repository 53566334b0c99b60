package dev.banyan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML viewer, rendered by a real headless browser (Debian's chromium) where one is installed. */
class InspectCommandTest {
    private static final Pattern STEP_TEXT = Pattern.compile("<span class=\"text\">([^<]*)</span>");

    @TempDir
    static Path dir;
    static JsonNode tree;

    @BeforeAll
    static void runOneProblemWithItsTree() throws IOException {
        Path input = dir.resolve("in.jsonl");
        // The question carries markup, to check that it cannot break out of the page's script element.
        Files.writeString(input, "{\"id\": \"p<1>\", \"question\": \"3 3 8 8\", \"answer\": \"</script><b>x</b>\"}\n");
        Cli.Result result = Cli.run("run", "--input", input.toString(), "--output", dir.resolve("out.jsonl").toString(),
                "--export-dir", dir.resolve("export").toString(), "--model", Cli.SIMULATED.toString());
        assertThat(result.code()).as(result.err()).isZero();
        tree = ExportFormatsTest.lines(dir.resolve("export/trees.jsonl")).get(0);
        assertThat(tree.get("nodes").size()).isGreaterThan(3);
    }

    @Test
    void writesOneSelfContainedPage() throws IOException {
        Path html = dir.resolve("static.html");

        Cli.Result result = Cli.run("inspect", "--trees", dir.resolve("export/trees.jsonl").toString(), "--id", "p<1>",
                "--html", html.toString());

        assertThat(result.code()).as(result.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("src=");
        assertThat(page.split("</script>", -1)).as("only the page's own two script elements end").hasSize(3);
        assertThat(page).contains("p&lt;1&gt;");
    }

    @Test
    void aHeadlessBrowserShowsEveryNodesText() throws Exception {
        Optional<Path> chromium = browser();
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium on PATH (apt-get install -y chromium)");
        Path html = dir.resolve("tree.html");
        Cli.Result result = Cli.run("inspect", "--trees", dir.resolve("export/trees.jsonl").toString(), "--id", "p<1>",
                "--html", html.toString());
        assertThat(result.code()).as(result.err()).isZero();

        String dom = dumpDom(chromium.get(), html);

        List<String> shown = new ArrayList<>();
        Matcher matcher = STEP_TEXT.matcher(dom);
        while (matcher.find()) {
            shown.add(unescape(matcher.group(1)));
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode node : tree.get("nodes")) {
            expected.add(node.get("parent").isNull() ? tree.get("question").asText() : node.get("text").asText());
        }
        assertThat(shown).as("one row per node").containsExactlyInAnyOrderElementsOf(expected);
        long correct = 0;
        long wrong = 0;
        for (JsonNode node : tree.get("nodes")) {
            correct += node.get("correct").asBoolean(false) ? 1 : 0;
            wrong += node.get("correct").isBoolean() && !node.get("correct").asBoolean() ? 1 : 0;
        }
        assertThat(count(dom, "class=\"badge correct\"")).isEqualTo(correct);
        assertThat(count(dom, "class=\"badge wrong\"")).isEqualTo(wrong);
        assertThat(count(dom, "class=\"node root")).isEqualTo(1);
    }

    @Test
    void anUnknownIdIsAClearError() {
        Cli.Result result = Cli.run("inspect", "--trees", dir.resolve("export/trees.jsonl").toString(), "--id", "nope",
                "--html", dir.resolve("x.html").toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("no tree with id \"nope\"").contains("\"p<1>\"");
    }

    private static String dumpDom(Path chromium, Path html) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Path out = dir.resolve("dom.html");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        assertThat(process.exitValue()).as("chromium's exit code").isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Optional<Path> browser() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser"}) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static long count(String text, String needle) {
        return Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }
}
