package dev.banyan.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One construct at a time, against what Python's Jinja2 (trim_blocks, lstrip_blocks) prints. */
class JinjaConstructsTest {

    static String render(String template, Object... nameValuePairs) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            vars.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return ChatTemplate.parse(template, "test", Map.of()).render(List.of(), false, vars);
    }

    @Nested
    class Whitespace {
        @Test
        void trimBlocksDropsTheNewlineAfterABlockTag() {
            assertThat(render("{% if true %}\nyes\n{% endif %}\n")).isEqualTo("yes\n");
        }

        @Test
        void lstripBlocksDropsIndentationBeforeABlockTag() {
            assertThat(render("a\n    {% if true %}\n    b\n    {% endif %}\nc")).isEqualTo("a\n    b\nc");
            assertThat(render("  {% if true %}x{% endif %}")).isEqualTo("x");
        }

        @Test
        void lstripOnlyWhenTheTagStartsTheLine() {
            assertThat(render("x {% if true %}y{% endif %}")).isEqualTo("x y");
        }

        @Test
        void variableTagsAreNotTrimmed() {
            assertThat(render("{{ 'x' }}\n  {{ 'y' }}")).isEqualTo("x\n  y");
        }

        @Test
        void minusStripsAllWhitespaceOnItsSide() {
            assertThat(render("a \n {%- if true -%} \n b \n {%- endif -%} \n c")).isEqualTo("abc");
            assertThat(render("1  {{- ' a ' -}}  2")).isEqualTo("1 a 2");
        }

        @Test
        void plusKeepsTheIndentation() {
            assertThat(render("  {%+ if true %}x{% endif %}")).isEqualTo("  x");
        }

        @Test
        void commentsVanishWithTheirLine() {
            assertThat(render("a\n  {# note #}\nb{#- tight -#} c")).isEqualTo("a\nbc");
        }

        @Test
        void oneTrailingNewlineOfTheSourceIsDropped() {
            assertThat(render("x\n")).isEqualTo("x");
            assertThat(render("x\n\n")).isEqualTo("x\n");
        }

        @Test
        void rawBlocksAreNotInterpreted() {
            assertThat(render("{% raw %}{{ x }}{% endraw %}")).isEqualTo("{{ x }}");
        }
    }

    @Nested
    class Expressions {
        @Test
        void arithmetic() {
            assertThat(render("{{ 1 + 2 * 3 }} {{ 7 // 2 }} {{ 7 / 2 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ (1 + 2) * 3 }}"))
                    .isEqualTo("7 3 3.5 2 1024 9");
        }

        @Test
        void floatsPrintAsPython() {
            assertThat(render("{{ 0.1 + 0.2 }} {{ 1e20 }} {{ 1.0 }} {{ 0.00001 }} {{ 2.5 }}"))
                    .isEqualTo("0.30000000000000004 1e+20 1.0 1e-05 2.5");
        }

        @Test
        void concatenationStringifies() {
            assertThat(render("{{ 'a' ~ 1 ~ none ~ true ~ u }}")).isEqualTo("a1NoneTrue");
        }

        @Test
        void comparisonsAndMembership() {
            assertThat(render("{{ 1 == 1.0 }} {{ 'a' < 'b' }} {{ 2 > 3 }} {{ 1 != 2 }}")).isEqualTo("True True False True");
            assertThat(render("{{ 'b' in 'abc' }} {{ 3 not in [1, 2] }} {{ 'k' in {'k': 1} }} {{ 'x' in u }}"))
                    .isEqualTo("True True True False");
        }

        @Test
        void booleanOperatorsReturnOperands() {
            assertThat(render("{{ not false and (true or u.x) }} {{ a or 'fallback' }} {{ '' and 'x' }}|{{ 0 or none }}"))
                    .isEqualTo("True fallback |None");
        }

        @Test
        void inlineIf() {
            assertThat(render("{{ x if x else 'no' }}|{{ 'y' if false }}|{{ 'y' if true }}")).isEqualTo("no||y");
        }

        @Test
        void filtersBindTighterThanOperators() {
            assertThat(render("{{ 'a' + ' b ' | trim }} {{ xs | length - 1 }} {{ -1 | abs }}", "xs", List.of(1, 2, 3)))
                    .isEqualTo("ab 2 1");
        }

        @Test
        void literals() {
            assertThat(render("{{ [1, 'a', none, true, 'it\\'s'] }} {{ {'k': 1.5, 'n': {'m': []}} }} {{ (1, 2) }}"))
                    .isEqualTo("[1, 'a', None, True, \"it's\"] {'k': 1.5, 'n': {'m': []}} [1, 2]");
        }

        @Test
        void stringEscapes() {
            assertThat(render("{{ 'a\\tb\\n' }}{{ \"\\\\boxed{}\" }}{{ 'caf\\u00e9' }}{{ '\\d' }}"))
                    .isEqualTo("a\tb\n\\boxed{}café\\d");
        }

        @Test
        void subscriptsAndSlices() {
            Object xs = List.of(1, 2, 3);
            assertThat(render("{{ xs[0] }}{{ xs[-1] }} {{ xs[1:] }} {{ xs[::-1] }} {{ xs[:-1] }} {{ xs[::2] }}", "xs", xs))
                    .isEqualTo("13 [2, 3] [3, 2, 1] [1, 2] [1, 3]");
            assertThat(render("{{ 'hello'[1:3] }} {{ 'abc'[::-1] }} {{ 'abc'[-1] }} {{ xs[9] is defined }}", "xs", xs))
                    .isEqualTo("el cba c False");
        }

        @Test
        void attributesOfMapsAreKeys() {
            Object m = Map.of("role", "user", "content", "hi");
            assertThat(render("{{ m.role }} {{ m['content'] }} {{ m.missing is defined }} {{ m.get('role') }} "
                    + "{{ m.get('x', 'd') }}", "m", m)).isEqualTo("user hi False user d");
        }

        @Test
        void stringMethods() {
            assertThat(render("{{ 'abc'.startswith('a') }} {{ 'abc'.endswith(('x', 'c')) }} [{{ '\\n x \\n'.strip() }}]"
                    + " {{ 'xxaxx'.lstrip('x') }} {{ 'xxaxx'.rstrip('x') }} {{ 'a,b,,c'.split(',') }} {{ ' a  b '.split() }}"
                    + " {{ 'a b c'.split(' ', 1) }} {{ ' a  b  c '.split(none, 1) }} {{ 'aaa'.replace('a', 'b', 2) }} {{ 'Ab'.upper() }}{{ 'Ab'.lower() }}"
                    + " {{ 'x'.join(['1', '2']) }} {{ 'hello world'.title() }}"))
                    .isEqualTo("True True [x] axx xxa ['a', 'b', '', 'c'] ['a', 'b'] ['a', 'b c'] ['a', 'b  c '] bba ABab 1x2 Hello World");
        }

        @Test
        void qwen3ReasoningSplitIdiom() {
            String c = "<think>\nreasoning\n</think>\n\nanswer";
            assertThat(render("{{ c.split('</think>')[-1].lstrip('\\n') }}|"
                    + "{{ c.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}", "c", c))
                    .isEqualTo("answer|reasoning");
        }
    }

    @Nested
    class Statements {
        @Test
        void ifElifElse() {
            String t = "{% if x == 1 %}a{% elif x == 2 %}b{% else %}c{% endif %}";
            assertThat(render(t, "x", 1)).isEqualTo("a");
            assertThat(render(t, "x", 2)).isEqualTo("b");
            assertThat(render(t, "x", 3)).isEqualTo("c");
        }

        @Test
        void loopVariables() {
            assertThat(render("{% for x in xs %}{{ loop.index0 }}{{ loop.index }}{{ loop.first }}{{ loop.last }}"
                    + "{{ loop.length }}{{ loop.revindex }};{% endfor %}", "xs", List.of("a", "b")))
                    .isEqualTo("01TrueFalse22;12FalseTrue21;");
        }

        @Test
        void loopElseFilterAndUnpacking() {
            assertThat(render("{% for x in [] %}x{% else %}empty{% endfor %}")).isEqualTo("empty");
            assertThat(render("{% for x in u %}x{% else %}none{% endfor %}")).isEqualTo("none");
            assertThat(render("{% for x in [1, 2, 3, 4] if x is even %}{{ x }}{{ loop.length }}{% endfor %}"))
                    .isEqualTo("2242");
            assertThat(render("{% for k, v in {'a': 1, 'b': 2} | items %}{{ k }}={{ v }},{% endfor %}"
                    + "{% for k, v in m.items() %}{{ k }}{{ v }}{% endfor %}", "m", Map.of("z", 0)))
                    .isEqualTo("a=1,b=2,z0");
        }

        @Test
        void loopControls() {
            assertThat(render("{% for x in [1, 2, 3, 4] %}{% if x == 2 %}{% continue %}{% endif %}"
                    + "{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}")).isEqualTo("13");
        }

        @Test
        void setInsideALoopDoesNotLeak() {
            assertThat(render("{% set a = 1 %}{% for x in [1] %}{% set a = 2 %}{{ a }}{% endfor %}{{ a }}"))
                    .isEqualTo("21");
            assertThat(render("{% if true %}{% set a = 3 %}{% endif %}{{ a }}")).isEqualTo("3");
        }

        @Test
        void namespaceCarriesValuesOutOfLoops() {
            assertThat(render("{% set ns = namespace(a=1, b='x') %}{% for x in [1, 2] %}{% set ns.a = ns.a + x %}"
                    + "{% endfor %}{{ ns.a }}{{ ns.b }}")).isEqualTo("4x");
        }

        @Test
        void blockSet() {
            assertThat(render("{% set v %}in {{ 1 }}{% endset %}[{{ v }}]")).isEqualTo("[in 1]");
        }

        @Test
        void macros() {
            assertThat(render("{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}"
                    + "{{ greet('A') }} {{ greet('B', punct='?') }}")).isEqualTo("Hi A! Hi B?");
        }

        @Test
        void setOverridesAContextVariable() {
            assertThat(render("{% set xs = xs[1:] %}{{ xs }}", "xs", List.of(1, 2))).isEqualTo("[2]");
        }
    }

    @Nested
    class TestsAndFilters {
        @Test
        void tests() {
            assertThat(render("{{ none is none }} {{ 'a' is string }} {{ {} is mapping }} {{ [1] is iterable }} "
                    + "{{ false is false }} {{ 1 is true }} {{ u is defined }} {{ u is not defined }} {{ 3 is odd }} "
                    + "{{ 4 is divisibleby 2 }} {{ 1 is not none }} {{ 'a' is mapping }} {{ 2 is number }}"))
                    .isEqualTo("True True True True True False False True True True True False True");
        }

        @Test
        void filters() {
            assertThat(render("{{ '  x  ' | trim }}|{{ [1, 2] | length }}|{{ 3 | string }}|{{ 'Ab' | upper }}"
                    + "{{ 'Ab' | lower }}|{{ [1, 2, 3] | first }}{{ [1, 2, 3] | last }}|{{ ['a', 'b'] | join(', ') }}|"
                    + "{{ 'aXbX' | replace('X', '-') }}|{{ u | default('d') }}|{{ '' | default('e', true) }}|"
                    + "{{ 'abc' | length }}|{{ u | length }}|{{ [3, 1] | list }}"))
                    .isEqualTo("x|2|3|ABab|13|a, b|a-b-|d|e|3|0|[3, 1]");
        }

        @Test
        void selectRejectAndMap() {
            Object ms = List.of(Map.of("role", "user", "content", "a"), Map.of("role", "tool", "content", "b"),
                    Map.of("role", "user", "content", "c"));
            assertThat(render("{{ ms | selectattr('role', 'equalto', 'user') | map(attribute='content') | join('/') }} "
                    + "{{ ms | rejectattr('role', 'equalto', 'user') | map(attribute='content') | join('/') }} "
                    + "{{ ['a', 'b'] | reject('equalto', 'a') | list }} {{ ['a', 'b'] | map('upper') | join }}", "ms", ms))
                    .isEqualTo("a/c b ['b'] AB");
        }

        @Test
        void tojsonIsPythonsJsonDumps() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("a", java.util.Arrays.asList(1, 2.5, true, null));
            data.put("b", "q\"\\\né\u0001");
            assertThat(render("{{ d | tojson }}", "d", data))
                    .isEqualTo("{\"a\": [1, 2.5, true, null], \"b\": \"q\\\"\\\\\\né\\u0001\"}");
            assertThat(render("{{ {'a': [1], 'b': {}, 'c': []} | tojson(indent=2) }}"))
                    .isEqualTo("{\n  \"a\": [\n    1\n  ],\n  \"b\": {},\n  \"c\": []\n}");
            assertThat(render("{{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }}")).isEqualTo("{\"a\": 2, \"b\": 1}");
        }

        @Test
        void undefinedIsEmptyAndFalse() {
            assertThat(render("[{{ u }}|{{ u | length }}|{% for x in u %}x{% endfor %}|{{ u is defined }}|"
                    + "{% if u %}t{% else %}f{% endif %}|{{ u | trim }}]")).isEqualTo("[|0||False|f|]");
        }
    }
}
