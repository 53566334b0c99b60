// Expected chat-template renderings for the engine's ChatTemplate tests.
//
// Renders each case below with @huggingface/jinja (the Jinja renderer transformers.js uses; it matches
// transformers' apply_chat_template with trim_blocks and lstrip_blocks) and writes
// engine/src/test/resources/chat-templates/expected.json, which the Java tests compare against exactly.
// The build and the tests never run this script; rerun it only when the cases or the templates change:
//
//   mkdir -p /tmp/jinja && cd /tmp/jinja && npm install --ignore-scripts @huggingface/jinja@0.5.11
//   HF_JINJA=/tmp/jinja/node_modules/@huggingface/jinja node tools/chat_templates/expected.mjs
//
// @huggingface/jinja lacks the reject filter, so Llama 3.1's builtin_tools path is tested in Java by hand.
//
// Templates: "<name>" is engine/src/test/resources/chat-templates/<name>/tokenizer_config.json (public Hugging
// Face configs' chat_template strings); "shared:qwen3" is ../shared/data/tokenizers/qwen3/tokenizer_config.json
// beside the repository (the Java tests skip those cases when it is absent).

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const jinjaDir = process.env.HF_JINJA ?? "/tmp/jinja/node_modules/@huggingface/jinja";
const { Template } = await import(join(jinjaDir, "dist/index.js"));

function configPath(name) {
  return name.startsWith("shared:")
    ? join(root, "..", "shared/data/tokenizers", name.slice("shared:".length), "tokenizer_config.json")
    : join(root, "engine/src/test/resources/chat-templates", name, "tokenizer_config.json");
}

const SPECIAL = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

function render(name, messages, addGenerationPrompt, extra) {
  const config = JSON.parse(readFileSync(configPath(name), "utf8"));
  const vars = { messages, tools: null, documents: null, add_generation_prompt: addGenerationPrompt };
  for (const key of SPECIAL) {
    const t = config[key];
    if (typeof t === "string") vars[key] = t;
    else if (t && typeof t.content === "string") vars[key] = t.content;
  }
  Object.assign(vars, extra);
  return new Template(config.chat_template).render(vars);
}

const sys = (content) => ({ role: "system", content });
const user = (content) => ({ role: "user", content });
const assistant = (content, more = {}) => ({ role: "assistant", content, ...more });
const tool = (content) => ({ role: "tool", content });

const SYSTEM = "You are a careful math tutor.";
const Q = "What is 1+1?";
const WEATHER_TOOL = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Weather for a city, in °C.",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};
const CALL = { type: "function", function: { name: "get_weather", arguments: { city: "Zürich" } } };

const chatCases = [
  ["system and user", [sys(SYSTEM), user(Q)], true, {}],
  ["user only", [user(Q)], true, {}],
  ["no generation prompt", [sys(SYSTEM), user(Q)], false, {}],
  ["multi-turn", [sys(SYSTEM), user(Q), assistant("1+1 = 2."), user("And 2+2?")], true, {}],
  ["whitespace kept in content", [sys("  padded system \n"), user("\n  two lines\nhere  ")], true, {}],
];

const cases = [];
function add(template, name, messages, addGenerationPrompt, extra) {
  cases.push({ template, name, messages, add_generation_prompt: addGenerationPrompt, extra,
    expected: render(template, messages, addGenerationPrompt, extra) });
}

for (const template of ["qwen2.5", "qwen2.5-math", "llama3", "llama3.1", "shared:qwen3"]) {
  for (const [name, messages, gen, extra] of chatCases) add(template, name, messages, gen, extra);
}

// Qwen3 thinking switches and reasoning in assistant turns.
add("shared:qwen3", "enable_thinking false", [sys(SYSTEM), user(Q)], true, { enable_thinking: false });
add("shared:qwen3", "enable_thinking true", [sys(SYSTEM), user(Q)], true, { enable_thinking: true });
add("shared:qwen3", "history with think content", [
  user(Q), assistant("<think>\nOne plus one.\n</think>\n\n1+1 = 2."), user("And 2+2?"),
], true, { enable_thinking: false });
add("shared:qwen3", "last assistant turn keeps its reasoning", [
  user(Q), assistant("<think>\nOne plus one.\n</think>\n\n1+1 = 2."),
], false, {});
add("shared:qwen3", "reasoning_content field", [
  user(Q), assistant("1+1 = 2.", { reasoning_content: "\nAdd them.\n" }),
], false, {});
add("shared:qwen3", "tools and a tool round trip", [
  sys(SYSTEM), user("Weather in Zürich?"), assistant("", { tool_calls: [CALL] }),
  tool('{"temp": 21.5}'), tool('{"wind": 3}'),
], true, { tools: [WEATHER_TOOL] });

// Tools in the Qwen2.5 and Llama 3.1 templates (tojson, with and without indent).
add("qwen2.5", "tools and a tool round trip", [
  user("Weather in Zürich?"), assistant("", { tool_calls: [CALL] }), tool('{"temp": 21.5}'),
], true, { tools: [WEATHER_TOOL] });
add("llama3.1", "tools in the first user message", [sys(SYSTEM), user("Weather in Zürich?")], true,
  { tools: [WEATHER_TOOL] });
add("llama3.1", "tools in the system message", [sys(SYSTEM), user("Weather in Zürich?")], true,
  { tools: [WEATHER_TOOL], tools_in_user_message: false });
add("llama3.1", "tool call and result", [
  user("Weather in Zürich?"), { role: "assistant", tool_calls: [CALL] }, { role: "ipython", content: { temp: 21.5 } },
], true, {});
add("llama3.1", "date_string", [user(Q)], true, { date_string: "01 Dec 2026" });

const out = join(root, "engine/src/test/resources/chat-templates/expected.json");
writeFileSync(out, JSON.stringify(cases, null, 2) + "\n");
console.log(`wrote ${cases.length} cases to ${out}`);
