#!/usr/bin/python3
"""Builds the test fixtures: tiny random-weight decoders in the Hugging Face optimum I/O layout, for the policy
engine and for the process reward models.

Run with Debian's python3 (torch 1.13, onnx 1.12) from the repository root:

    /usr/bin/python3 tools/make_fixture_models.py            # everything
    /usr/bin/python3 tools/make_fixture_models.py engine     # the engine's fixtures only
    /usr/bin/python3 tools/make_fixture_models.py prm        # the reward models only
    /usr/bin/python3 tools/make_fixture_models.py --bench DIR  # the benchmark decoder only

Writes, under engine/src/test/resources/fixtures/ (or, with --bench DIR, a larger Llama-style decoder for
benchmarks, llama-small: 4 layers, hidden 256, 8 heads, 2 KV heads, no EOS token, under DIR; not committed):
  llama-tiny/        RMSNorm, RoPE from position_ids, grouped-query attention (4 heads, 2 KV heads), fp32 KV
  llama-tiny-fp16kv/ the same weights with past/present in float16 (compute stays float32)
  gpt2-tiny/         LayerNorm, learned absolute positions derived from attention_mask inside the graph,
                     so it has no position_ids input

Graph I/O, as optimum exports decoders:
  in:  input_ids [batch, seq] int64, attention_mask [batch, past+seq] int64, position_ids [batch, seq] int64
       (llama only), past_key_values.{i}.key|value [batch, kv_heads, past, head_dim]
  out: logits [batch, seq, vocab] float32, present.{i}.key|value [batch, kv_heads, past+seq, head_dim]

Writes, under prm/src/test/resources/fixtures/, Llama-style reward models over the same characters plus '#' and
an added special token <sep>, each with a prm.json (see dev.banyan.prm.PrmConfig):
  prm-step-tag/           logits [batch, seq, vocab] and KV; the score is P(+) among {+, -} at each '#'
  prm-token-cls/          a two-class head, logits [batch, seq, 2], and KV; read at each <sep>
  prm-token-cls-nokv/     the same weights without past_key_values or position_ids: positions are 0..seq-1
                          whatever the mask (as many classifier exports are), so it needs right padding
  prm-value/              a scalar head, values [batch, seq], and KV; sigmoid of the value at each step's end
  prm-value-nokv/         a scalar head, values [batch, seq, 1], without KV; the value clipped to [0, 1]

Masked keys get a large finite negative bias rather than -inf, so a fully masked query row (a padding
position) yields finite garbage instead of NaN. Deterministic: fixed seed, single thread.
"""
import json
import math
import os
import sys

import torch
from torch import nn

torch.set_num_threads(1)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "engine", "src", "test", "resources", "fixtures")
PRM_OUT = os.path.join(ROOT, "prm", "src", "test", "resources", "fixtures")
OPSET = 14
MASKED = -1.0e9

SPECIALS = ["<pad>", "<s>", "</s>", "<unk>"]
PAD_ID, BOS_ID, EOS_ID, UNK_ID = 0, 1, 2, 3
CHARS = (list("0123456789") + [" ", "\n"] + list("+-*/=()") + list(":.,?!'%[];_")
         + [chr(c) for c in range(ord("a"), ord("z") + 1)] + [chr(c) for c in range(ord("A"), ord("Z") + 1)])
VOCAB = SPECIALS + CHARS
# The reward models' vocabulary: the policy's, the step tag, and a separator that is an added special token.
SEPARATOR = "<sep>"
PRM_VOCAB = VOCAB + ["#", SEPARATOR]
PRM_SPECIALS = SPECIALS + [SEPARATOR]


def causal_bias(attention_mask, seq_len):
    """[batch, 1, seq, total] additive bias: a query at absolute index past+i sees keys j <= past+i with mask 1."""
    total = attention_mask.shape[1]
    key_index = torch.arange(total)
    query_index = (total - seq_len) + torch.arange(seq_len)
    causal = key_index[None, :] <= query_index[:, None]
    allowed = causal[None, None, :, :] & (attention_mask[:, None, None, :] > 0)
    return torch.where(allowed, torch.zeros((), dtype=torch.float32), torch.full((), MASKED))


def attend(q, k, v, bias, head_dim):
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(head_dim) + bias
    return torch.matmul(torch.softmax(scores, dim=-1), v)


# ---------------------------------------------------------------------------------------------- Llama-style

class RmsNorm(nn.Module):
    def __init__(self, size, eps=1e-5):
        super().__init__()
        self.weight = nn.Parameter(1.0 + 0.1 * torch.randn(size))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class LlamaBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h, hd = cfg["hidden_size"], cfg["head_dim"]
        self.heads, self.kv_heads, self.head_dim = cfg["num_attention_heads"], cfg["num_key_value_heads"], hd
        self.input_norm = RmsNorm(h)
        self.q = nn.Linear(h, self.heads * hd, bias=False)
        self.k = nn.Linear(h, self.kv_heads * hd, bias=False)
        self.v = nn.Linear(h, self.kv_heads * hd, bias=False)
        self.o = nn.Linear(self.heads * hd, h, bias=False)
        self.post_norm = RmsNorm(h)
        self.gate = nn.Linear(h, cfg["intermediate_size"], bias=False)
        self.up = nn.Linear(h, cfg["intermediate_size"], bias=False)
        self.down = nn.Linear(cfg["intermediate_size"], h, bias=False)

    def widen(self, kv):
        # Grouped-query attention: each KV head serves heads // kv_heads query heads. expand+reshape exports
        # correctly with a dynamic past length; repeat_interleave does not.
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
        if past_k is not None:
            k = torch.cat((past_k.to(torch.float32), k), dim=2)
            v = torch.cat((past_v.to(torch.float32), v), dim=2)
        out = attend(q, self.widen(k), self.widen(v), bias, self.head_dim)
        x = x + self.o(out.transpose(1, 2).reshape(b, s, self.heads * self.head_dim))
        y = self.post_norm(x)
        x = x + self.down(nn.functional.silu(self.gate(y)) * self.up(y))
        return x, k, v


class Llama(nn.Module):
    """A language model by default; with head_width, a per-position head of that width instead (squeezed to
    [batch, seq] when squeeze is set), as reward models put on the same trunk."""

    def __init__(self, cfg, kv_dtype, head_width=None, squeeze=False, head_bias=False):
        super().__init__()
        self.cfg, self.kv_dtype, self.squeeze = cfg, kv_dtype, squeeze
        self.embed = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        self.blocks = nn.ModuleList(LlamaBlock(cfg) for _ in range(cfg["num_hidden_layers"]))
        self.norm = RmsNorm(cfg["hidden_size"])
        self.lm_head = nn.Linear(cfg["hidden_size"], head_width or cfg["vocab_size"], bias=head_bias)
        hd = cfg["head_dim"]
        self.register_buffer("inv_freq", 1.0 / (cfg["rope_theta"] ** (torch.arange(0, hd, 2).float() / hd)))

    def forward(self, input_ids, attention_mask, position_ids, *past):
        x = self.embed(input_ids)
        angles = position_ids[:, :, None].to(torch.float32) * self.inv_freq[None, None, :]
        angles = torch.cat((angles, angles), dim=-1)[:, None]  # [batch, 1, seq, head_dim]
        cos, sin = torch.cos(angles), torch.sin(angles)
        bias = causal_bias(attention_mask, input_ids.shape[1])
        past = past or [None] * (2 * len(self.blocks))
        presents = []
        for i, block in enumerate(self.blocks):
            x, k, v = block(x, cos, sin, bias, past[2 * i], past[2 * i + 1])
            presents += [k.to(self.kv_dtype), v.to(self.kv_dtype)]
        out = self.lm_head(self.norm(x))
        return (out.squeeze(-1) if self.squeeze else out, *presents)


class WithoutPast(nn.Module):
    """A decoder over whole sequences: no past in, no present out, and positions 0..seq-1 whatever the mask."""

    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder

    def forward(self, input_ids, attention_mask):
        positions = torch.arange(input_ids.shape[1])[None].expand(input_ids.shape[0], -1)
        return self.decoder(input_ids, attention_mask, positions)[0]


# ------------------------------------------------------------------------------------------------ GPT-2-style

class Gpt2Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h = cfg["hidden_size"]
        self.heads, self.head_dim = cfg["num_attention_heads"], cfg["head_dim"]
        self.ln1 = nn.LayerNorm(h)
        self.qkv = nn.Linear(h, 3 * h)
        self.proj = nn.Linear(h, h)
        self.ln2 = nn.LayerNorm(h)
        self.fc = nn.Linear(h, 4 * h)
        self.out = nn.Linear(4 * h, h)

    def forward(self, x, bias, past_k, past_v):
        b, s, h = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(h, dim=-1)
        q, k, v = (t.view(b, s, self.heads, self.head_dim).transpose(1, 2) for t in (q, k, v))
        k = torch.cat((past_k, k), dim=2)
        v = torch.cat((past_v, v), dim=2)
        out = attend(q, k, v, bias, self.head_dim)
        x = x + self.proj(out.transpose(1, 2).reshape(b, s, h))
        x = x + self.out(nn.functional.gelu(self.fc(self.ln2(x))))
        return x, k, v


class Gpt2(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.wte = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        self.wpe = nn.Embedding(cfg["max_position_embeddings"], cfg["hidden_size"])
        self.blocks = nn.ModuleList(Gpt2Block(cfg) for _ in range(cfg["num_hidden_layers"]))
        self.ln_f = nn.LayerNorm(cfg["hidden_size"])
        self.lm_head = nn.Linear(cfg["hidden_size"], cfg["vocab_size"], bias=False)

    def forward(self, input_ids, attention_mask, *past):
        seq = input_ids.shape[1]
        # Positions count only unmasked keys, so left padding and gaps in the past do not shift them.
        positions = (torch.cumsum(attention_mask, dim=-1) - 1).clamp(min=0)[:, -seq:]
        x = self.wte(input_ids) + self.wpe(positions)
        bias = causal_bias(attention_mask, seq)
        presents = []
        for i, block in enumerate(self.blocks):
            x, k, v = block(x, bias, past[2 * i], past[2 * i + 1])
            presents += [k, v]
        return (self.lm_head(self.ln_f(x)), *presents)


# ------------------------------------------------------------------------------------------------- export

def tokenizer_json(vocab=VOCAB, specials=SPECIALS):
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": vocab.index(t), "content": t, "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True} for t in specials],
        "normalizer": None,
        "pre_tokenizer": {"type": "Split", "pattern": {"Regex": "[\\s\\S]"}, "behavior": "Isolated", "invert": False},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}}],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [BOS_ID], "tokens": ["<s>"]}},
        },
        "decoder": {"type": "Fuse"},
        "model": {"type": "WordLevel", "vocab": {t: i for i, t in enumerate(vocab)}, "unk_token": "<unk>"},
    }


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write("\n")


def export(name, model, cfg, with_positions, kv_dtype, root=OUT, tokenizer=None, output="logits", with_past=True,
           extra_json=None, max_bytes=2 * 1024 * 1024):
    """Exports model to root/name with its config, tokenizer and generation config (and extra_json files).
    output names the first output; without past the graph takes input_ids and attention_mask only."""
    out_dir = os.path.join(root, name)
    os.makedirs(out_dir, exist_ok=True)
    layers, kv_heads, hd = cfg["num_hidden_layers"], cfg["num_key_value_heads"], cfg["head_dim"]
    batch, past_len, seq = 2, 3, 2
    input_ids = torch.randint(4, cfg["vocab_size"], (batch, seq))
    mask = torch.ones(batch, past_len + seq, dtype=torch.int64)
    positions = torch.arange(past_len, past_len + seq).repeat(batch, 1)
    past = [torch.randn(batch, kv_heads, past_len, hd).to(kv_dtype) for _ in range(2 * layers)]

    if not with_past:
        past_len, past, with_positions = 0, [], False
        mask = torch.ones(batch, seq, dtype=torch.int64)
    past_names = [f"past_key_values.{i}.{kind}" for i in range(layers) for kind in ("key", "value")] if with_past else []
    present_names = [f"present.{i}.{kind}" for i in range(layers) for kind in ("key", "value")] if with_past else []
    inputs = ["input_ids", "attention_mask"] + (["position_ids"] if with_positions else []) + past_names
    args = (input_ids, mask) + ((positions,) if with_positions else ()) + tuple(past)
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
            output: {0: "batch_size", 1: "sequence_length"}}
    if with_positions:
        axes["position_ids"] = {0: "batch_size", 1: "sequence_length"}
    for n in past_names:
        axes[n] = {0: "batch_size", 2: "past_sequence_length"}
    for n in present_names:
        axes[n] = {0: "batch_size", 2: "total_sequence_length"}

    model.eval()
    with torch.no_grad():
        torch.onnx.export(model, args, os.path.join(out_dir, "model.onnx"), input_names=inputs,
                          output_names=[output] + present_names, dynamic_axes=axes, opset_version=OPSET,
                          do_constant_folding=True)
        if with_past:
            check_incremental(model, cfg, with_positions, kv_dtype)

    import onnx
    onnx.checker.check_model(onnx.load(os.path.join(out_dir, "model.onnx")))

    config = dict(cfg, torch_dtype="float32")
    write_json(os.path.join(out_dir, "config.json"), config)
    write_json(os.path.join(out_dir, "tokenizer.json"), tokenizer or tokenizer_json())
    write_json(os.path.join(out_dir, "tokenizer_config.json"), {
        "tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<s>", "eos_token": "</s>",
        "pad_token": "<pad>", "unk_token": "<unk>", "add_bos_token": True, "add_eos_token": False,
        "model_max_length": cfg["max_position_embeddings"]})
    write_json(os.path.join(out_dir, "generation_config.json"), {
        "bos_token_id": BOS_ID, "eos_token_id": EOS_ID, "pad_token_id": PAD_ID})
    for file_name, value in (extra_json or {}).items():
        write_json(os.path.join(out_dir, file_name), value)
    size = os.path.getsize(os.path.join(out_dir, "model.onnx"))
    assert size < max_bytes, f"{name}/model.onnx is {size} bytes"
    print(f"{name}: model.onnx {size} bytes")


def check_incremental(model, cfg, with_positions, kv_dtype):
    """The torch model itself: one token at a time with a KV cache matches the full pass."""
    layers, kv_heads, hd = cfg["num_hidden_layers"], cfg["num_key_value_heads"], cfg["head_dim"]
    ids = torch.randint(4, cfg["vocab_size"], (1, 7))

    def run(chunk, past, start):
        mask = torch.ones(1, start + chunk.shape[1], dtype=torch.int64)
        pos = (torch.arange(start, start + chunk.shape[1])[None],) if with_positions else ()
        return model(chunk, mask, *pos, *past)

    empty = [torch.zeros(1, kv_heads, 0, hd).to(kv_dtype) for _ in range(2 * layers)]
    full = run(ids, empty, 0)[0]
    past = empty
    for t in range(ids.shape[1]):
        out = run(ids[:, t:t + 1], past, t)
        past = list(out[1:])
        tolerance = 1e-2 if kv_dtype == torch.float16 else 1e-4
        assert torch.allclose(out[0][0, 0], full[0, t], atol=tolerance), f"step {t} differs"


# ------------------------------------------------------------------------------------------- reward models

PROMPT = "Input: {question}\nSteps:\n"


def prm_config(vocab_size):
    return {"model_type": "llama", "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
            "hidden_size": 64, "head_dim": 16, "intermediate_size": 128, "vocab_size": vocab_size,
            "max_position_embeddings": 512, "rope_theta": 10000.0, "rms_norm_eps": 1e-5,
            "bos_token_id": BOS_ID, "eos_token_id": EOS_ID, "pad_token_id": PAD_ID}


def center_at_separators(classifier):
    """Sets the head's bias to minus its mean output at the separators of a few step-like texts, so that scores
    spread around 1/2 instead of sticking near 0 or 1."""
    classifier.lm_head.bias.zero_()
    generator = torch.Generator().manual_seed(7)
    outputs = []
    for _ in range(16):
        ids = [BOS_ID]
        for _ in range(3):
            ids += torch.randint(4, len(VOCAB), (12,), generator=generator).tolist() + [PRM_VOCAB.index(SEPARATOR)]
        n = len(ids)
        out = classifier(torch.tensor([ids]), torch.ones(1, n, dtype=torch.int64), torch.arange(n)[None])[0][0]
        outputs += [out[i] for i in range(n) if ids[i] == PRM_VOCAB.index(SEPARATOR)]
    classifier.lm_head.bias.copy_(-torch.stack(outputs).mean(0))


def reward_models():
    cfg = prm_config(len(PRM_VOCAB))
    tokenizer = tokenizer_json(PRM_VOCAB, PRM_SPECIALS)

    def export_prm(name, model, prm_json, output="logits", with_past=True):
        export(name, model, cfg, with_past, torch.float32, root=PRM_OUT, tokenizer=tokenizer, output=output,
               with_past=with_past, extra_json={"prm.json": prm_json})

    torch.manual_seed(2401)
    step_tag = Llama(cfg, torch.float32)
    with torch.no_grad():  # spread the logits so P(+) among {+, -} varies from step to step
        step_tag.embed.weight.normal_(0, 1.0)
        step_tag.lm_head.weight.normal_(0, 0.5)
    export_prm("prm-step-tag", step_tag, {"style": "step-tag", "tag": "#", "good": "+", "bad": "-",
                                          "prompt_template": PROMPT, "step_suffix": " #\n"})

    torch.manual_seed(2402)
    classifier = Llama(cfg, torch.float32, head_width=2, head_bias=True)
    with torch.no_grad():
        classifier.embed.weight.normal_(0, 1.0)
        classifier.embed.weight[PRM_VOCAB.index(SEPARATOR)] *= 0.02  # so the output there depends on the steps
        classifier.lm_head.weight.normal_(0, 0.5)
        center_at_separators(classifier)
    classification = {"style": "token-classification", "tag": SEPARATOR, "output": "logits",
                      "prompt_template": PROMPT, "step_suffix": SEPARATOR + "\n"}
    export_prm("prm-token-cls", classifier, classification)
    export_prm("prm-token-cls-nokv", WithoutPast(classifier), classification, with_past=False)

    torch.manual_seed(2403)
    value = Llama(cfg, torch.float32, head_width=1, squeeze=True)
    with torch.no_grad():
        value.embed.weight.normal_(0, 1.0)
        value.lm_head.weight.normal_(0, 0.5)
    export_prm("prm-value", value, {"style": "value-head", "output": "values", "activation": "sigmoid",
                                    "prompt_template": PROMPT, "step_suffix": "\n"}, output="values")

    torch.manual_seed(2404)
    clipped = Llama(cfg, torch.float32, head_width=1, head_bias=True)
    with torch.no_grad():  # values around 1/2, mostly inside [0, 1], so that clipping rarely bites
        clipped.embed.weight.normal_(0, 1.0)
        clipped.lm_head.weight.normal_(0, 0.03)
        clipped.lm_head.bias.fill_(0.5)
    export_prm("prm-value-nokv", WithoutPast(clipped), {"style": "value-head", "output": "values",
                                                        "prompt_template": PROMPT, "step_suffix": "\n"},
               output="values", with_past=False)


def main():
    if not torch.__version__.startswith("1.13"):
        print(f"warning: written with torch 1.13, running {torch.__version__}", file=sys.stderr)
    which = sys.argv[1:] or ["engine", "prm"]
    if which[0] == "--bench":
        policy_models()
        return
    unknown = set(which) - {"engine", "prm"}
    if unknown:
        sys.exit(f"unknown fixture set(s) {sorted(unknown)}; expected engine and/or prm")
    if "engine" in which:
        policy_models()
    if "prm" in which:
        reward_models()


def policy_models():
    vocab = len(VOCAB)
    if len(sys.argv) == 3 and sys.argv[1] == "--bench":
        cfg = {"model_type": "llama", "num_hidden_layers": 4, "num_attention_heads": 8, "num_key_value_heads": 2,
               "hidden_size": 256, "head_dim": 32, "intermediate_size": 768, "vocab_size": vocab,
               "max_position_embeddings": 1024, "rope_theta": 10000.0, "rms_norm_eps": 1e-5,
               "bos_token_id": BOS_ID, "eos_token_id": EOS_ID, "pad_token_id": PAD_ID}
        torch.manual_seed(4321)
        model = Llama(cfg, torch.float32)
        with torch.no_grad():
            model.embed.weight.normal_(0, 1.0)
            model.lm_head.weight.normal_(0, 0.25)
        export("llama-small", model, cfg, True, torch.float32, root=sys.argv[2], max_bytes=64 * 1024 * 1024)
        # No end-of-sequence token: every benchmarked sequence runs its full length, as the bare loop's do.
        for name in ("config.json", "generation_config.json"):
            path = os.path.join(sys.argv[2], "llama-small", name)
            with open(path, encoding="utf-8") as f:
                config = json.load(f)
            config["eos_token_id"] = []
            write_json(path, config)
        return
    llama_cfg = {"model_type": "llama", "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "hidden_size": 64, "head_dim": 16, "intermediate_size": 128, "vocab_size": vocab,
                 "max_position_embeddings": 512, "rope_theta": 10000.0, "rms_norm_eps": 1e-5,
                 "bos_token_id": BOS_ID, "eos_token_id": EOS_ID, "pad_token_id": PAD_ID}
    gpt2_cfg = {"model_type": "gpt2", "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 4,
                "hidden_size": 64, "head_dim": 16, "vocab_size": vocab, "max_position_embeddings": 512,
                "bos_token_id": BOS_ID, "eos_token_id": EOS_ID, "pad_token_id": PAD_ID}

    torch.manual_seed(1234)
    llama = Llama(llama_cfg, torch.float32)
    with torch.no_grad():  # larger than default init so the next-token distributions are not flat
        llama.embed.weight.normal_(0, 1.0)
        llama.lm_head.weight.normal_(0, 0.5)
    export("llama-tiny", llama, llama_cfg, True, torch.float32)
    llama.kv_dtype = torch.float16
    export("llama-tiny-fp16kv", llama, llama_cfg, True, torch.float16)

    torch.manual_seed(5678)
    gpt2 = Gpt2(gpt2_cfg)
    with torch.no_grad():
        gpt2.wte.weight.normal_(0, 0.5)
        gpt2.wpe.weight.normal_(0, 0.1)
        gpt2.lm_head.weight.normal_(0, 0.3)
    export("gpt2-tiny", gpt2, gpt2_cfg, False, torch.float32)


if __name__ == "__main__":
    main()
