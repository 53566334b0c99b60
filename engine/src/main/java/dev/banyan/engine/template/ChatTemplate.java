package dev.banyan.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Hugging Face chat template, rendered as transformers' {@code apply_chat_template(..., tokenize=False)} does:
 * Jinja2 with {@code trim_blocks} and {@code lstrip_blocks}, the config's special tokens ({@code bos_token},
 * {@code eos_token}, …) as variables, {@code tools} and {@code documents} none unless given, and the globals
 * {@code raise_exception} and {@code strftime_now}.
 *
 * <p>Parsing happens once, when the template is made, so a template that cannot be parsed fails at load with its
 * source, line and column. Instances are immutable and safe to share between threads.
 */
public final class ChatTemplate {
    private static final List<String> SPECIAL_TOKEN_KEYS = List.of("bos_token", "eos_token", "unk_token",
            "sep_token", "pad_token", "cls_token", "mask_token");

    private final String sourceName;
    private final String text;
    private final List<Node> program;
    private final Map<String, Object> specialTokens;
    private final Clock clock;

    private ChatTemplate(String sourceName, String text, List<Node> program, Map<String, Object> specialTokens,
            Clock clock) {
        this.sourceName = sourceName;
        this.text = text;
        this.program = program;
        this.specialTokens = specialTokens;
        this.clock = clock;
    }

    /**
     * Loads the {@code chat_template} of a {@code tokenizer_config.json} (a string, or a list of named templates
     * of which {@code default} is taken), or, when the config has none, a {@code chat_template.jinja} beside it,
     * with the config's special tokens.
     *
     * @throws ChatTemplateException naming the file and what is wrong: unreadable, not JSON, no template, or a
     *     syntax error at a line and column of the template
     */
    public static ChatTemplate fromTokenizerConfig(Path tokenizerConfigJson) {
        String file = tokenizerConfigJson.toString();
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(tokenizerConfigJson.toFile());
        } catch (IOException e) {
            throw new ChatTemplateException(file, 0, 0, "cannot read the tokenizer config: " + e.getMessage(), e);
        }
        if (config == null || !config.isObject()) {
            throw new ChatTemplateException(file, 0, 0, "the tokenizer config is not a JSON object", null);
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String key : SPECIAL_TOKEN_KEYS) {
            String token = tokenText(config.get(key));
            if (token != null) {
                tokens.put(key, token);
            }
        }
        JsonNode extra = config.get("additional_special_tokens");
        if (extra != null && extra.isArray()) {
            List<Object> list = new ArrayList<>();
            extra.forEach(t -> {
                String s = tokenText(t);
                if (s != null) {
                    list.add(s);
                }
            });
            tokens.put("additional_special_tokens", list);
        }
        JsonNode template = config.get("chat_template");
        String source;
        String name;
        if (template == null || template.isNull()) {
            Path sibling = tokenizerConfigJson.resolveSibling("chat_template.jinja");
            if (!Files.isRegularFile(sibling)) {
                throw new ChatTemplateException(file, 0, 0, "the tokenizer config has no \"chat_template\" (and there"
                        + " is no chat_template.jinja beside it): this model has no chat template", null);
            }
            try {
                source = Files.readString(sibling);
            } catch (IOException e) {
                throw new ChatTemplateException(sibling.toString(), 0, 0, "cannot read: " + e.getMessage(), e);
            }
            name = sibling.toString();
        } else if (template.isTextual()) {
            source = template.asText();
            name = file + " (chat_template)";
        } else if (template.isArray()) {
            source = null;
            List<String> names = new ArrayList<>();
            for (JsonNode t : template) {
                names.add(t.path("name").asText());
                if (t.path("name").asText().equals("default") && t.path("template").isTextual()) {
                    source = t.get("template").asText();
                }
            }
            if (source == null) {
                throw new ChatTemplateException(file, 0, 0, "\"chat_template\" lists templates " + names
                        + " but none named \"default\"", null);
            }
            name = file + " (chat_template \"default\")";
        } else {
            throw new ChatTemplateException(file, 0, 0, "\"chat_template\" must be a string or a list of named"
                    + " templates, not " + template.getNodeType().toString().toLowerCase(), null);
        }
        return parse(source, name, tokens);
    }

    /**
     * Parses a template given as text.
     *
     * @param source the Jinja template text
     * @param sourceName what to call it in error messages (a file name, a model id)
     * @param specialTokens variables every render sees, typically {@code bos_token} and {@code eos_token}
     * @throws ChatTemplateException on a syntax error, naming {@code sourceName}, the line and the column
     */
    public static ChatTemplate parse(String source, String sourceName, Map<String, ?> specialTokens) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceName, "sourceName");
        List<Node> program;
        try {
            program = Parser.parse(source);
        } catch (TemplateError e) {
            throw error(sourceName, source, e);
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        specialTokens.forEach((k, v) -> tokens.put(k, Values.fromJava(v)));
        return new ChatTemplate(sourceName, source, List.copyOf(program), Collections.unmodifiableMap(tokens),
                Clock.systemDefaultZone());
    }

    /** This template with {@code strftime_now} reading {@code clock} (the system clock by default). */
    public ChatTemplate withClock(Clock clock) {
        return new ChatTemplate(sourceName, text, program, specialTokens, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Renders a conversation.
     *
     * @param messages the conversation, each a map with at least {@code role} and {@code content}; values may be
     *     strings, numbers, booleans, null, lists and maps
     * @param addGenerationPrompt whether to end with the header that opens the assistant's turn
     * @param extra further template variables, e.g. {@code enable_thinking}, {@code tools}, {@code date_string};
     *     they override the special tokens
     * @throws ChatTemplateException naming the source, line and column when the template fails (it called
     *     {@code raise_exception}, or an operation got values of the wrong type)
     */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt, Map<String, ?> extra) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("messages", Values.fromJava(messages));
        context.put("tools", null);
        context.put("documents", null);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.putAll(specialTokens);
        extra.forEach((k, v) -> context.put(k, Values.fromJava(v)));
        try {
            return Interpreter.render(program, context, clock);
        } catch (TemplateError e) {
            throw error(sourceName, text, e);
        }
    }

    /** Renders with no extra variables. */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt) {
        return render(messages, addGenerationPrompt, Map.of());
    }

    /** What error messages call this template. */
    public String sourceName() {
        return sourceName;
    }

    /** The template text. */
    public String text() {
        return text;
    }

    /** The special tokens every render sees ({@code bos_token}, {@code eos_token}, …; absent when null). */
    public Map<String, Object> specialTokens() {
        return specialTokens;
    }

    @Override
    public String toString() {
        return "ChatTemplate[" + sourceName + "]";
    }

    private static String tokenText(JsonNode t) {
        if (t == null || t.isNull()) {
            return null;
        }
        if (t.isTextual()) {
            return t.asText();
        }
        JsonNode content = t.get("content");
        return content != null && content.isTextual() ? content.asText() : null;
    }

    private static ChatTemplateException error(String sourceName, String text, TemplateError e) {
        int pos = Math.max(0, Math.min(e.pos, text.length()));
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < pos; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new ChatTemplateException(sourceName, line, pos - lineStart + 1, e.getMessage(), e);
    }
}
