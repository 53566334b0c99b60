package dev.banyan.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad templates and bad configs fail with the source, the line and the column. */
class ChatTemplateErrorsTest {
    @TempDir
    Path dir;

    private static ChatTemplateException failure(ThrowingCallable call) {
        try {
            call.call();
        } catch (ChatTemplateException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected a ChatTemplateException, got " + t, t);
        }
        throw new AssertionError("expected a ChatTemplateException");
    }

    private static ChatTemplateException parseFailure(String template) {
        return failure(() -> ChatTemplate.parse(template, "bad.jinja", Map.of()));
    }

    private static ChatTemplateException renderFailure(String template) {
        ChatTemplate t = ChatTemplate.parse(template, "bad.jinja", Map.of());
        return failure(() -> t.render(List.of(Map.of("role", "user", "content", "hi")), true));
    }

    @Test
    void unclosedBlockNamesWhereItOpened() {
        ChatTemplateException e = parseFailure("a\n{% for x in y %}\nb");
        assertThat(e).hasMessage("bad.jinja:2:4: unclosed 'for' block: expected '{% else %}' or '{% endfor %}'"
                + " before the end of the template");
        assertThat(e.source()).isEqualTo("bad.jinja");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(4);
        assertThat(parseFailure("{% if x %}a{% else %}b").getMessage())
                .startsWith("bad.jinja:1:4: unclosed 'if' block: expected '{% endif %}'");
    }

    @Test
    void unknownFilterAndTest() {
        assertThat(parseFailure("line1\n{{ x | frobnicate }}")).hasMessage("bad.jinja:2:8: unknown filter 'frobnicate'");
        assertThat(parseFailure("{% if x is shiny %}{% endif %}")).hasMessage("bad.jinja:1:12: unknown test 'shiny'");
    }

    @Test
    void malformedTags() {
        assertThat(parseFailure("ok {{ x ")).hasMessage("bad.jinja:1:4: unclosed tag: '{{' without '}}'");
        assertThat(parseFailure("{% endif %}")).hasMessageContaining("1:4: unexpected '{% endif %}'");
        assertThat(parseFailure("{{ 'abc }}")).hasMessage("bad.jinja:1:4: unterminated string literal");
        assertThat(parseFailure("{{ x + }}")).hasMessage("bad.jinja:1:8: unexpected '}}' in expression");
        assertThat(parseFailure("{% include 'x' %}")).hasMessage("bad.jinja:1:4: unknown or unsupported tag 'include'");
        assertThat(parseFailure("{# never closed")).hasMessage("bad.jinja:1:1: unclosed comment: '{#' without '#}'");
    }

    @Test
    void raiseExceptionFailsTheRender() {
        assertThat(renderFailure("x\n  {{- raise_exception('Conversation roles must alternate') }}"))
                .hasMessage("bad.jinja:2:7: the template raised an error: Conversation roles must alternate");
    }

    @Test
    void typeErrorsFailTheRender() {
        assertThat(renderFailure("{{ messages[0].content + 1 }}"))
                .hasMessage("bad.jinja:1:4: unsupported operand types for +: 'str' and 'int'");
        assertThat(renderFailure("{{ nothing.here }}")).hasMessage("bad.jinja:1:4: 'nothing' is undefined");
        assertThat(renderFailure("{% set x = 1 %}{% set x.y = 2 %}"))
                .hasMessageContaining("cannot assign attribute 'y' on non-namespace object 'x'");
        assertThat(renderFailure("{{ messages | tojson }}{{ u | tojson }}"))
                .hasMessageContaining("Object of type Undefined is not JSON serializable");
    }

    @Test
    void configWithoutTemplateNamesTheFile() throws IOException {
        Path config = dir.resolve("tokenizer_config.json");
        Files.writeString(config, "{\"eos_token\": \"</s>\"}");
        ChatTemplateException e = failure(() -> ChatTemplate.fromTokenizerConfig(config));
        assertThat(e.getMessage()).startsWith(config + ": the tokenizer config has no \"chat_template\"");
    }

    @Test
    void configThatIsNotJsonNamesTheFile() throws IOException {
        Path config = dir.resolve("tokenizer_config.json");
        Files.writeString(config, "{\"chat_template\": ");
        assertThat(failure(() -> ChatTemplate.fromTokenizerConfig(config)).getMessage())
                .startsWith(config + ": cannot read the tokenizer config:");
        assertThat(failure(() -> ChatTemplate.fromTokenizerConfig(dir.resolve("missing.json"))).getMessage())
                .startsWith(dir.resolve("missing.json") + ": cannot read the tokenizer config:");
    }

    @Test
    void syntaxErrorInAConfigNamesTheFileLineAndColumn() throws IOException {
        Path config = dir.resolve("tokenizer_config.json");
        Files.writeString(config, "{\"chat_template\": \"{% for m in messages %}\\n{{ m.content | nope }}{% endfor %}\"}");
        assertThat(failure(() -> ChatTemplate.fromTokenizerConfig(config)))
                .hasMessage(config + " (chat_template):2:16: unknown filter 'nope'");
    }

    @Test
    void namedTemplatesAndTheJinjaFileBesideTheConfig() throws IOException {
        Path config = dir.resolve("tokenizer_config.json");
        Files.writeString(config, "{\"bos_token\": {\"content\": \"<s>\", \"lstrip\": false}, \"chat_template\": ["
                + "{\"name\": \"tool_use\", \"template\": \"tools\"}, {\"name\": \"default\", \"template\": \"{{ bos_token }}d\"}]}");
        assertThat(ChatTemplate.fromTokenizerConfig(config).render(List.of(), false)).isEqualTo("<s>d");

        Files.writeString(config, "{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"t\"}]}");
        assertThat(failure(() -> ChatTemplate.fromTokenizerConfig(config)).getMessage())
                .contains("lists templates [tool_use] but none named \"default\"");

        Files.writeString(config, "{\"eos_token\": \"</s>\"}");
        Files.writeString(dir.resolve("chat_template.jinja"), "{{ eos_token }}\n");
        assertThat(ChatTemplate.fromTokenizerConfig(config).render(List.of(), false)).isEqualTo("</s>");
    }

    @Test
    void unsupportedValueTypesAreRejectedUpFront() {
        ChatTemplate t = ChatTemplate.parse("{{ x }}", "t", Map.of());
        assertThatThrownBy(() -> t.render(List.of(), false, Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported template value");
    }
}
