package dev.banyan.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real models' chat templates against exact expected strings: {@code chat-templates/expected.json} was rendered
 * by {@code tools/chat_templates/expected.mjs} with {@code @huggingface/jinja}; the Qwen3 config comes from the
 * shared data folder beside the repository (its cases are skipped when it is absent).
 */
class ModelTemplatesTest {
    private static final String SYSTEM = "You are a careful math tutor.";
    private static final String Q = "What is 1+1?";

    static Path resource(String name) {
        try {
            return Path.of(ModelTemplatesTest.class.getResource("/chat-templates/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared Qwen3 tokenizer config, or null when the shared data folder is not beside the clone. */
    static Path sharedQwen3() {
        String rel = "shared/data/tokenizers/qwen3/tokenizer_config.json";
        String root = System.getProperty("banyan.root");
        for (Path p : new Path[] {root == null ? null : Path.of(root, "..", rel), Path.of("../..", rel)}) {
            if (p != null && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    static ChatTemplate template(String name) {
        if (name.startsWith("shared:")) {
            Path p = sharedQwen3();
            assumeTrue(p != null, "shared/data/tokenizers/qwen3 is not beside the repository: skipping " + name);
            return ChatTemplate.fromTokenizerConfig(p);
        }
        return ChatTemplate.fromTokenizerConfig(resource(name + "/tokenizer_config.json"));
    }

    static Stream<Arguments> expectedCases() throws IOException {
        try (InputStream in = ModelTemplatesTest.class.getResourceAsStream("/chat-templates/expected.json")) {
            List<Map<String, Object>> cases = new ObjectMapper().readValue(in, new TypeReference<>() { });
            return cases.stream().map(c -> Arguments.of(c.get("template") + ": " + c.get("name"), c));
        }
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedCases")
    void rendersExactlyAsHuggingFaceJinja(String label, Map<String, Object> c) {
        ChatTemplate t = template((String) c.get("template"));
        String out = t.render((List<Map<String, Object>>) c.get("messages"), (Boolean) c.get("add_generation_prompt"),
                (Map<String, Object>) c.get("extra"));
        assertThat(out).isEqualTo(c.get("expected"));
    }

    @Test
    void qwen3WithThinkingOffMatchesTheCheckedString() {
        ChatTemplate t = template("shared:qwen3");
        String out = t.render(List.of(Map.of("role", "system", "content", SYSTEM), Map.of("role", "user", "content", Q)),
                true, Map.of("enable_thinking", false));
        assertThat(out).isEqualTo("<|im_start|>system\n" + SYSTEM + "<|im_end|>\n<|im_start|>user\nWhat is 1+1?"
                + "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n");
    }

    @Test
    void qwen3ConfigSpecialTokens() {
        ChatTemplate t = template("shared:qwen3");
        assertThat(t.specialTokens()).containsEntry("eos_token", "<|im_end|>").containsEntry("pad_token", "<|endoftext|>")
                .doesNotContainKey("bos_token");
        assertThat(t.sourceName()).endsWith("tokenizer_config.json (chat_template)");
    }

    @Test
    void chatMlFormatForQwen25() {
        String out = template("qwen2.5").render(List.of(Map.of("role", "user", "content", Q)), true);
        assertThat(out).isEqualTo("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful "
                + "assistant.<|im_end|>\n<|im_start|>user\nWhat is 1+1?<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void qwen25MathDefaultSystemPromptHasOneBackslash() {
        String out = template("qwen2.5-math").render(List.of(Map.of("role", "user", "content", Q)), true);
        assertThat(out).startsWith("<|im_start|>system\nPlease reason step by step, and put your final answer "
                + "within \\boxed{}.<|im_end|>\n");
    }

    @Test
    void llama3Format() {
        String out = template("llama3").render(List.of(Map.of("role", "system", "content", SYSTEM),
                Map.of("role", "user", "content", Q)), true);
        assertThat(out).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n" + SYSTEM
                + "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 1+1?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    /** {@code @huggingface/jinja} has no {@code reject} filter, so this expected string follows Python's Jinja. */
    @Test
    void llama31BuiltinToolsDropCodeInterpreterFromTheList() {
        String out = template("llama3.1").render(List.of(Map.of("role", "user", "content", Q)), true,
                Map.of("builtin_tools", List.of("brave_search", "code_interpreter", "wolfram_alpha")));
        assertThat(out).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Environment: ipython\nTools: brave_search, wolfram_alpha\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 1+1?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void llama31RefusesTwoToolCallsAtOnce() {
        Map<String, Object> call = Map.of("function", Map.of("name", "f", "arguments", Map.of()));
        List<Map<String, Object>> messages = List.of(Map.of("role", "user", "content", Q),
                Map.of("role", "assistant", "tool_calls", List.of(call, call)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> template("llama3.1").render(messages, true))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("llama3.1/tokenizer_config.json (chat_template):")
                .hasMessageContaining("This model only supports single tool-calls at once!");
    }

    @Test
    void strftimeNowReadsTheGivenClock() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        ChatTemplate t = ChatTemplate.parse("{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%Y-%m-%d %H:%M %B %A') }}",
                "dates", Map.of()).withClock(clock);
        assertThat(t.render(List.of(), false)).isEqualTo("01 Dec 2026|2026-12-01 10:00 December Tuesday");
    }

    @Test
    void templatesAreReusableAndThreadSafeToShare() {
        ChatTemplate t = template("qwen2.5");
        List<Map<String, Object>> m = List.of(Map.of("role", "user", "content", Q));
        assertThat(t.render(m, true)).isEqualTo(t.render(m, true));
    }
}
