package dev.banyan.api;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.Task;
import dev.banyan.search.tasks.TaskRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatPromptTest {
    /** A ChatML template as Qwen2.5 writes it, without its default system prompt. */
    private static final String CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\\\n' "
            + "+ message['content'] + '<|im_end|>' + '\\\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\\\n' }}{% endif %}";
    private static final Path QWEN3 = ModelDirectory.projectRoot().resolve("../shared/data/tokenizers/qwen3").normalize();

    @TempDir
    Path dir;

    private Task taskOf(String taskSettings) throws IOException {
        Files.writeString(dir.resolve("banyan.json"), "{\"task\": \"math\", \"policy\": \"simulated\", \"prm\": \"simulated\","
                + " \"taskSettings\": " + taskSettings + "}");
        return TaskRegistry.named("math").create(ChatPrompt.apply(ModelConfig.read(dir)));
    }

    @Test
    void theQuestionGoesIntoTheUserMessageOfTheChatTemplate() throws IOException {
        Files.createDirectories(dir.resolve("tok"));
        Files.writeString(dir.resolve("tok/tokenizer_config.json"), "{\"chat_template\": \"" + CHATML + "\"}");

        Task task = taskOf("{\"chatTemplate\": \"tok\", \"systemPrompt\": \"Reason step by step.\"}");

        ReasoningPath path = ReasoningPath.of("What is 1+1?").extend("1+1 = 2.");
        assertThat(task.render(path)).isEqualTo("<|im_start|>system\nReason step by step.<|im_end|>\n"
                + "<|im_start|>user\nWhat is 1+1?<|im_end|>\n<|im_start|>assistant\n1+1 = 2.\n\n");
        assertThat(task.settings().get("promptTemplate")).asString().contains("{question}").doesNotContain("chatTemplate");
    }

    @Test
    void qwen3RendersAsTransformersDoes() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(QWEN3.resolve("tokenizer_config.json")), QWEN3 + " absent: skipped");

        Task task = taskOf("{\"chatTemplate\": \"" + QWEN3 + "\", \"systemPrompt\": \"You are a helpful assistant.\"}");

        assertThat(task.render(ReasoningPath.of("What is 1+1?"))).isEqualTo("<|im_start|>system\nYou are a helpful "
                + "assistant.<|im_end|>\n<|im_start|>user\nWhat is 1+1?<|im_end|>\n<|im_start|>assistant\n"
                + "<think>\n\n</think>\n\n");
    }

    @Test
    void badChatSettingsAreNamed() throws IOException {
        assertThatThrownBy(() -> taskOf("{\"chatTemplate\": true}"))
                .hasMessageContaining("banyan.json").hasMessageContaining("simulated");
        assertThatThrownBy(() -> taskOf("{\"chatTemplate\": \"absent\"}"))
                .hasMessageContaining("absent").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> taskOf("{\"systemPrompt\": \"x\"}")).hasMessageContaining("applies only with");
        Files.createDirectories(dir.resolve("bad"));
        Files.writeString(dir.resolve("bad/tokenizer_config.json"), "{\"chat_template\": \"{% for m in messages %}\"}");
        assertThatThrownBy(() -> taskOf("{\"chatTemplate\": \"bad\"}"))
                .hasMessageContaining("bad/tokenizer_config.json");
    }
}
