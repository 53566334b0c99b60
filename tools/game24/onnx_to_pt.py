"""Read a shipped ONNX model (export.py's layout) back into the PyTorch `Llama`, so that a later round can
fine-tune the models a model directory ships without the checkpoints that built them.

  python3 onnx_to_pt.py ../../models/game24/policy out/selftrain/round0_policy.pt

Named initializers (embeddings, norms) map by name. The projection weights were folded into anonymous
`MatMul` initializers (stored transposed, [in, out]); they are matched by walking the graph: per layer, in
graph order, q, k, v, o, then the two feed-forward inputs (the one whose output goes through a `Sigmoid` is the
gate, SiLU being exported as x * sigmoid(x)) and the down projection; the last one is the LM head. The policy's
greedy decode of `expected_greedy.json` (when the directory above has one) must come out the same.
"""
import json
import os
import sys

import onnx
import torch
from onnx import numpy_helper

import charvocab as cv
import decode
from model import Config, Llama
from train import save


def config_of(model_dir):
    with open(os.path.join(model_dir, "config.json")) as f:
        c = json.load(f)
    return Config(c["vocab_size"], c["hidden_size"], c["num_hidden_layers"], c["num_attention_heads"],
                  c["num_key_value_heads"], c["intermediate_size"], c["rope_theta"], c["rms_norm_eps"],
                  c["max_position_embeddings"])


def load_onnx(model_dir):
    """The `Llama` whose weights are those of `model_dir/model.onnx`."""
    cfg = config_of(model_dir)
    graph = onnx.load(os.path.join(model_dir, "model.onnx")).graph
    inits = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    matmuls = [n for n in graph.node if n.op_type == "MatMul" and any(i in inits for i in n.input)]
    per_layer = 7
    assert len(matmuls) == per_layer * cfg.num_hidden_layers + 1, f"{len(matmuls)} weight MatMuls"

    def weight(node):
        return inits[next(i for i in node.input if i in inits)].T.contiguous()

    def feeds_sigmoid(node):
        return any(c.op_type == "Sigmoid" for c in consumers.get(node.output[0], []))

    state = {}
    for name in ("embed_tokens.weight", "norm.weight"):
        state[name] = inits["model." + name]
    for layer in range(cfg.num_hidden_layers):
        prefix = f"layers.{layer}."
        for norm in ("input_layernorm.weight", "post_attention_layernorm.weight"):
            state[prefix + norm] = inits["model." + prefix + norm]
        q, k, v, o, ff1, ff2, down = matmuls[per_layer * layer:per_layer * (layer + 1)]
        gate, up = (ff1, ff2) if feeds_sigmoid(ff1) else (ff2, ff1)
        assert feeds_sigmoid(gate) and not feeds_sigmoid(up), f"layer {layer}: cannot tell the gate"
        for part, node in (("self_attn.q_proj", q), ("self_attn.k_proj", k), ("self_attn.v_proj", v),
                           ("self_attn.o_proj", o), ("mlp.gate_proj", gate), ("mlp.up_proj", up),
                           ("mlp.down_proj", down)):
            state[prefix + part + ".weight"] = weight(node)
    state["lm_head.weight"] = weight(matmuls[-1])
    model = Llama(cfg)
    model.load_state_dict(state)
    model.eval()
    return model


def check_greedy(model, model_dir):
    """For a policy beside an `expected_greedy.json`: the greedy decode must be the one shipped."""
    expected = os.path.join(os.path.dirname(os.path.abspath(model_dir)), "expected_greedy.json")
    if not os.path.exists(expected):
        return None
    with open(expected) as f:
        ref = json.load(f)
    text = decode.generate(model, [ref["prompt"]], 0.0, max_new_tokens=ref["max_new_tokens"])[0]
    assert text == ref["text"], f"greedy decode differs from {expected}:\n{text!r}\n{ref['text']!r}"
    return True


def main():
    model_dir, out = sys.argv[1:3]
    torch.set_num_threads(1)
    model = load_onnx(model_dir)
    checked = check_greedy(model, model_dir) if os.path.basename(os.path.normpath(model_dir)) == "policy" else None
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    save(model, model.config, out)
    print(f"{model_dir} -> {out}" + ("; greedy decode matches expected_greedy.json" if checked else ""))


if __name__ == "__main__":
    main()
