#!/usr/bin/python3
"""Builds the Qwen2-architecture test fixtures: random-weight decoders and reward models over Qwen's real
151,669-token vocabulary, tiny in every other dimension, for the engine's and the reward models' tests with
the real byte-level BPE tokenizer.

Run with Debian's python3 (torch 1.13, onnx 1.12) from the repository root:

    /usr/bin/python3 tools/make_qwen_fixtures.py

No tokenizer is written: the tests copy Qwen's tokenizer.json from ../shared/data/tokenizers/qwen3/ beside
the repository at test time (and are skipped without it). Writes:

  engine/src/test/resources/fixtures/qwen2-152k/       fp32 weights, KV and logits; position_ids input
  engine/src/test/resources/fixtures/qwen2-152k-fp16/  fp16 weights (stored), fp16 KV and fp16 logits;
                                                       no position_ids (derived from attention_mask in the graph)
  prm/src/test/resources/fixtures/qwen2-prm-step-tag/  Math-Shepherd style: LM logits, P(good) at the tag token
  prm/src/test/resources/fixtures/qwen2-prm-token-cls/ Qwen2.5-Math-PRM style: a two-class head at a separator

The architecture is Qwen2's: RMSNorm, RoPE (theta 1e6), grouped-query attention (4 heads, 2 KV heads; widened
with expand+reshape, which exports correctly with a dynamic past), biases on q, k and v only, SwiGLU MLP, and
the output projection tied to the input embedding (one [vocab, hidden] matrix in the file). Constant folding
is off so that the tied matrix is not stored a second time, transposed. Layout variants (an onnx/ folder with
several files, external data) are derived from these files by the tests.
"""
import json
import math
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixture_models import RmsNorm, rotate_half, causal_bias, attend, write_json, check_incremental  # noqa: E402

torch.set_num_threads(1)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ENGINE_OUT = os.path.join(ROOT, "engine", "src", "test", "resources", "fixtures")
PRM_OUT = os.path.join(ROOT, "prm", "src", "test", "resources", "fixtures")
OPSET = 14
VOCAB = 151669          # ids 0..151668: Qwen3's 151,643 BPE tokens and 26 added tokens
ENDOFTEXT, IM_END = 151643, 151645


def config(hidden, layers):
    return {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "num_hidden_layers": layers,
            "num_attention_heads": 4, "num_key_value_heads": 2, "hidden_size": hidden,
            "intermediate_size": 2 * hidden, "vocab_size": VOCAB, "max_position_embeddings": 32768,
            "rope_theta": 1000000.0, "rms_norm_eps": 1e-6, "tie_word_embeddings": True,
            "hidden_act": "silu", "bos_token_id": ENDOFTEXT, "eos_token_id": IM_END}


class Qwen2Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h = cfg["hidden_size"]
        self.heads, self.kv_heads = cfg["num_attention_heads"], cfg["num_key_value_heads"]
        self.head_dim = hd = h // self.heads
        self.input_norm = RmsNorm(h, 1e-6)
        self.q = nn.Linear(h, self.heads * hd, bias=True)
        self.k = nn.Linear(h, self.kv_heads * hd, bias=True)
        self.v = nn.Linear(h, self.kv_heads * hd, bias=True)
        self.o = nn.Linear(self.heads * hd, h, bias=False)
        self.post_norm = RmsNorm(h, 1e-6)
        self.gate = nn.Linear(h, cfg["intermediate_size"], bias=False)
        self.up = nn.Linear(h, cfg["intermediate_size"], bias=False)
        self.down = nn.Linear(cfg["intermediate_size"], h, bias=False)

    def widen(self, kv):
        b, n, t, d = kv.shape
        group = self.heads // self.kv_heads
        return kv[:, :, None].expand(b, n, group, t, d).reshape(b, n * group, t, d)

    def forward(self, x, cos, sin, bias, past_k, past_v):
        b, s, _ = x.shape
        y = self.input_norm(x)
        q = self.q(y).view(b, s, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(y).view(b, s, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v(y).view(b, s, self.kv_heads, self.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = torch.cat((past_k.to(torch.float32), k), dim=2)
        v = torch.cat((past_v.to(torch.float32), v), dim=2)
        out = attend(q, self.widen(k), self.widen(v), bias, self.head_dim)
        x = x + self.o(out.transpose(1, 2).reshape(b, s, self.heads * self.head_dim))
        y = self.post_norm(x)
        x = x + self.down(nn.functional.silu(self.gate(y)) * self.up(y))
        return x, k, v


class Qwen2(nn.Module):
    """A Qwen2 decoder. fp16 stores the embedding in half precision and returns fp16 KV and logits; without
    positions the graph numbers tokens from the attention mask; head_width replaces the tied LM head with a
    per-position classifier (a reward model's)."""

    def __init__(self, cfg, fp16=False, positions=True, head_width=None):
        super().__init__()
        self.cfg, self.fp16, self.positions = cfg, fp16, positions
        weight = torch.randn(VOCAB, cfg["hidden_size"])
        self.embed = nn.Parameter(weight.half() if fp16 else weight)
        self.blocks = nn.ModuleList(Qwen2Block(cfg) for _ in range(cfg["num_hidden_layers"]))
        self.norm = RmsNorm(cfg["hidden_size"], 1e-6)
        self.head = nn.Linear(cfg["hidden_size"], head_width, bias=True) if head_width else None
        hd = cfg["hidden_size"] // cfg["num_attention_heads"]
        self.register_buffer("inv_freq", 1.0 / (cfg["rope_theta"] ** (torch.arange(0, hd, 2).float() / hd)))

    def forward(self, input_ids, attention_mask, *rest):
        if self.positions:
            position_ids, past = rest[0], rest[1:]
        else:
            past = rest
            seq = input_ids.shape[1]
            position_ids = (torch.cumsum(attention_mask, dim=-1) - 1).clamp(min=0)[:, -seq:]
        weight = self.embed.to(torch.float32)
        x = nn.functional.embedding(input_ids, weight)
        angles = position_ids[:, :, None].to(torch.float32) * self.inv_freq[None, None, :]
        angles = torch.cat((angles, angles), dim=-1)[:, None]
        cos, sin = torch.cos(angles), torch.sin(angles)
        bias = causal_bias(attention_mask, input_ids.shape[1])
        presents = []
        kv_dtype = torch.float16 if self.fp16 else torch.float32
        for i, block in enumerate(self.blocks):
            x, k, v = block(x, cos, sin, bias, past[2 * i], past[2 * i + 1])
            presents += [k.to(kv_dtype), v.to(kv_dtype)]
        x = self.norm(x)
        out = self.head(x) if self.head is not None else torch.matmul(x, weight.t())
        return (out.to(torch.float16) if self.fp16 else out, *presents)


def export(out_dir, model, cfg, generation, extra=None, output="logits"):
    os.makedirs(out_dir, exist_ok=True)
    layers, kv_heads = cfg["num_hidden_layers"], cfg["num_key_value_heads"]
    hd = cfg["hidden_size"] // cfg["num_attention_heads"]
    kv_dtype = torch.float16 if model.fp16 else torch.float32
    batch, past_len, seq = 2, 3, 2
    input_ids = torch.randint(0, VOCAB, (batch, seq))
    mask = torch.ones(batch, past_len + seq, dtype=torch.int64)
    positions = torch.arange(past_len, past_len + seq).repeat(batch, 1)
    past = [torch.randn(batch, kv_heads, past_len, hd).to(kv_dtype) for _ in range(2 * layers)]
    past_names = [f"past_key_values.{i}.{kind}" for i in range(layers) for kind in ("key", "value")]
    present_names = [f"present.{i}.{kind}" for i in range(layers) for kind in ("key", "value")]
    inputs = ["input_ids", "attention_mask"] + (["position_ids"] if model.positions else []) + past_names
    args = (input_ids, mask) + ((positions,) if model.positions else ()) + tuple(past)
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
            output: {0: "batch_size", 1: "sequence_length"}}
    if model.positions:
        axes["position_ids"] = {0: "batch_size", 1: "sequence_length"}
    for n in past_names:
        axes[n] = {0: "batch_size", 2: "past_sequence_length"}
    for n in present_names:
        axes[n] = {0: "batch_size", 2: "total_sequence_length"}
    model.eval()
    path = os.path.join(out_dir, "model.onnx")
    with torch.no_grad():
        torch.onnx.export(model, args, path, input_names=inputs, output_names=[output] + present_names,
                          dynamic_axes=axes, opset_version=OPSET, do_constant_folding=False)
        check = dict(cfg, head_dim=hd)
        check_incremental(model, check, model.positions, kv_dtype)
    import onnx
    onnx.checker.check_model(onnx.load(path))
    write_json(os.path.join(out_dir, "config.json"), dict(cfg, torch_dtype="float16" if model.fp16 else "float32"))
    write_json(os.path.join(out_dir, "generation_config.json"), generation)
    for name, value in (extra or {}).items():
        write_json(os.path.join(out_dir, name), value)
    print(f"{out_dir}: model.onnx {os.path.getsize(path)} bytes")


GENERATION = {"bos_token_id": ENDOFTEXT, "pad_token_id": ENDOFTEXT, "eos_token_id": [IM_END, ENDOFTEXT],
              "do_sample": True, "temperature": 0.7, "top_p": 0.8, "top_k": 20}


def main():
    torch.manual_seed(151669)
    cfg = config(16, 2)
    policy = Qwen2(cfg)
    export(os.path.join(ENGINE_OUT, "qwen2-152k"), policy, cfg, GENERATION)
    policy16 = Qwen2(cfg, fp16=True, positions=False)
    policy16.load_state_dict({k: (v.half() if k == "embed" else v) for k, v in policy.state_dict().items()})
    export(os.path.join(ENGINE_OUT, "qwen2-152k-fp16"), policy16, cfg, GENERATION)

    prm_cfg = config(8, 1)
    torch.manual_seed(2501)
    step_tag = Qwen2(prm_cfg, fp16=False)
    with torch.no_grad():
        step_tag.embed.mul_(2.0)
    step_tag.embed = nn.Parameter(step_tag.embed.detach().half())
    step_tag.fp16 = False
    export(os.path.join(PRM_OUT, "qwen2-prm-step-tag"), step_tag, prm_cfg, {"eos_token_id": IM_END},
           {"prm.json": {"style": "step-tag", "tag": " ###\n", "good": "+", "bad": "-",
                         "prompt_template": "{question}\n", "step_suffix": " ###\n"}})
    torch.manual_seed(2502)
    classifier = Qwen2(prm_cfg, head_width=2)
    classifier.embed = nn.Parameter(classifier.embed.detach().half())
    export(os.path.join(PRM_OUT, "qwen2-prm-token-cls"), classifier, prm_cfg, {"eos_token_id": IM_END},
           {"prm.json": {"style": "token-classification", "tag": "<|quad_end|>", "output": "logits",
                         "prompt_template": "<|im_start|>user\n{question}<|im_end|>\n<|im_start|>assistant\n",
                         "step_suffix": "<|quad_end|>"}})


if __name__ == "__main__":
    main()
