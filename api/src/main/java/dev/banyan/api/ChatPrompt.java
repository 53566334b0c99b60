package dev.banyan.api;

import dev.banyan.engine.template.ChatTemplate;
import dev.banyan.engine.template.ChatTemplateException;
import dev.banyan.search.tasks.TaskSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a task's prompt into the policy's chat template. With {@code "chatTemplate"} in {@code "taskSettings"}
 * ({@code true} for the policy's own {@code tokenizer_config.json}, or a path to one, or to the folder holding
 * it, relative to the model directory), the template is rendered once, at load, for a system message
 * ({@code "systemPrompt"}, none when absent) and a user message ({@code "userTemplate"}, default
 * {@code {question}}) with the generation prompt added, and the result becomes the task's
 * {@code promptTemplate}. Rendering once with the placeholder keeps the prompt prefix-stable, and a saved tree
 * records the rendered template, so exports never need the tokenizer files.
 */
final class ChatPrompt {
    static final String CHAT_TEMPLATE = "chatTemplate";
    private static final String SYSTEM_PROMPT = "systemPrompt";
    private static final String USER_TEMPLATE = "userTemplate";
    private static final String ENABLE_THINKING = "enableThinking";
    private static final Set<String> KEYS = Set.of(CHAT_TEMPLATE, SYSTEM_PROMPT, USER_TEMPLATE, ENABLE_THINKING);
    private static final String QUESTION = "{question}";

    private ChatPrompt() {
    }

    /** The task settings with the chat template rendered into {@code promptTemplate}; unchanged without one. */
    static TaskSettings apply(ModelConfig config) {
        TaskSettings settings = config.taskSettings();
        if (!settings.has(CHAT_TEMPLATE) || Boolean.FALSE.equals(settings.raw(CHAT_TEMPLATE))) {
            for (String key : List.of(SYSTEM_PROMPT, USER_TEMPLATE, ENABLE_THINKING)) {
                if (settings.has(key)) {
                    throw new ModelException(settings.source() + ": \"" + key + "\" applies only with \""
                            + CHAT_TEMPLATE + "\"");
                }
            }
            return settings;
        }
        if (settings.has("promptTemplate")) {
            throw new ModelException(settings.source() + ": give \"promptTemplate\" or \"" + CHAT_TEMPLATE
                    + "\", not both");
        }
        Path file = tokenizerConfig(config, settings);
        String user = settings.nonEmptyText(USER_TEMPLATE, QUESTION);
        if (!user.contains(QUESTION)) {
            throw new ModelException(settings.source() + ": \"" + USER_TEMPLATE + "\" must contain " + QUESTION);
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        String system = settings.text(SYSTEM_PROMPT, null);
        if (system != null) {
            messages.add(Map.of("role", "system", "content", system));
        }
        messages.add(Map.of("role", "user", "content", user));
        Map<String, Object> extra = new HashMap<>();
        extra.put("enable_thinking", settings.bool(ENABLE_THINKING, false));
        String prompt;
        try {
            prompt = ChatTemplate.fromTokenizerConfig(file).render(messages, true, extra);
        } catch (ChatTemplateException e) {
            throw new ModelException(settings.source() + ": the chat template of " + file + " does not render: "
                    + e.getMessage(), e);
        }
        if (prompt.indexOf(QUESTION) != prompt.lastIndexOf(QUESTION) || !prompt.contains(QUESTION)) {
            throw new ModelException(settings.source() + ": the chat template of " + file
                    + " must show the user message once; it rendered " + prompt);
        }
        return settings.with("promptTemplate", prompt, KEYS);
    }

    private static Path tokenizerConfig(ModelConfig config, TaskSettings settings) {
        Object where = settings.raw(CHAT_TEMPLATE);
        Path path;
        if (Boolean.TRUE.equals(where)) {
            if (ModelConfig.SIMULATED.equals(config.policy())) {
                throw new ModelException(settings.source() + ": \"" + CHAT_TEMPLATE + "\": true means the policy's "
                        + "tokenizer_config.json, but the policy is simulated; give a path instead");
            }
            path = config.component("policy", config.policy());
        } else if (where instanceof String text && !text.isBlank()) {
            path = config.directory().resolve(text).normalize();
        } else {
            throw new ModelException(settings.source() + ": \"" + CHAT_TEMPLATE
                    + "\" must be true or a path to a tokenizer_config.json, was " + where);
        }
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer_config.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new ModelException(settings.source() + ": \"" + CHAT_TEMPLATE + "\": " + file + " does not exist");
        }
        return file;
    }
}
