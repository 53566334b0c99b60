/**
 * Hugging Face chat templates: a small Jinja2 interpreter, enough for the templates of the Qwen2.5, Qwen3 and
 * Llama 3 families, rendering as transformers does ({@code trim_blocks}, {@code lstrip_blocks}, Python's string
 * and JSON semantics).
 *
 * <p>Public: {@link dev.banyan.engine.template.ChatTemplate} (load from {@code tokenizer_config.json}, render a
 * conversation) and {@link dev.banyan.engine.template.ChatTemplateException}. The rest is the interpreter, in
 * package-private pieces: {@code Lexer} (text and tags, whitespace control), {@code Parser} (tokens to the
 * {@code Node} and {@code Expr} trees), {@code Interpreter} (statements, scopes, expressions), {@code Values}
 * (Python semantics of values), {@code Filters}, {@code Tests}, {@code Methods} (string and dict methods),
 * {@code Json} (Python's {@code json.dumps}) and {@code Strftime}.
 */
package dev.banyan.engine.template;
