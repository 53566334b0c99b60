"""Export a trained checkpoint to the Hugging Face optimum decoder layout and check the graph.

  python3 export.py policy out/policy/model.pt ../../models/game24/policy
  python3 export.py prm out/prm/model.pt ../../models/game24/prm

Inputs: input_ids [batch, seq], attention_mask [batch, past + seq], position_ids [batch, seq] (int64) and
past_key_values.{i}.key|value [batch, kv_heads, past, head_dim] (float32); outputs logits [batch, seq, vocab]
and present.{i}.key|value [batch, kv_heads, past + seq, head_dim].
"""
import json
import os
import sys

import onnx
import torch

import charvocab as cv
import decode
import game24 as g
from train import BAD, GOOD, STEP_SUFFIX, TAG, load

OPSET = 14
MAX_NEW_TOKENS = 200


class Exported(torch.nn.Module):
    """Flattens the cache into named tensors, as the optimum layout names them."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(len(past_flat) // 2)]
        logits, presents = self.model(input_ids, attention_mask, position_ids, past)
        return (logits,) + tuple(t for kv in presents for t in kv)


def names(n_layers):
    past = [f"past_key_values.{i}.{kind}" for i in range(n_layers) for kind in ("key", "value")]
    present = [f"present.{i}.{kind}" for i in range(n_layers) for kind in ("key", "value")]
    return past, present


def export_onnx(model, path):
    c = model.config
    past_names, present_names = names(c.num_hidden_layers)
    b, s, p = 2, 3, 4
    ids = torch.randint(4, c.vocab_size, (b, s))
    mask = torch.ones((b, p + s), dtype=torch.long)
    pos = torch.arange(p, p + s)[None].expand(b, s).contiguous()
    past = [torch.randn(b, c.num_key_value_heads, p, c.head_dim) for _ in past_names]
    dynamic = {"input_ids": {0: "batch_size", 1: "sequence_length"},
               "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
               "position_ids": {0: "batch_size", 1: "sequence_length"},
               "logits": {0: "batch_size", 1: "sequence_length"}}
    dynamic.update({n: {0: "batch_size", 2: "past_sequence_length"} for n in past_names})
    dynamic.update({n: {0: "batch_size", 2: "total_sequence_length"} for n in present_names})
    torch.onnx.export(Exported(model), (ids, mask, pos, *past), path, opset_version=OPSET,
                      input_names=["input_ids", "attention_mask", "position_ids"] + past_names,
                      output_names=["logits"] + present_names, dynamic_axes=dynamic,
                      do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path), full_check=True)


@torch.no_grad()
def incremental_matches_full(model):
    """The cache path must equal full recomputation on a left-padded batch (the export's slow twin)."""
    prompts = ["Input: 4 9 10 13\nSteps:\n13 - 9 = 4 (left: 4 4 10)\n", "Input: 1 2 3 4\nSteps:\n"]
    ids, mask, pos = decode.left_pad([cv.encode(q) for q in prompts])
    full, _ = model(ids, mask, pos)
    k = 7
    first, past = model(ids[:, :k], mask[:, :k], pos[:, :k])
    rest = [first]
    for t in range(k, ids.shape[1]):
        logits, past = model(ids[:, t:t + 1], mask[:, :t + 1], pos[:, t:t + 1], past)
        rest.append(logits)
    diff = (torch.cat(rest, 1) - full)[mask.bool()].abs().max().item()
    # Each row alone, unpadded, must also agree with its padded twin.
    for i, q in enumerate(prompts):
        alone, _ = model(torch.tensor([cv.encode(q)]))
        diff = max(diff, (alone[0] - full[i][mask[i].bool()]).abs().max().item())
    return diff, {"prompts": prompts, "split": k, "input_ids": ids.tolist(), "attention_mask": mask.tolist(),
                  "position_ids": pos.tolist(), "logits": full.tolist()}


def hf_config(model, kind):
    c = model.config
    return {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama",
        "hidden_size": c.hidden_size, "intermediate_size": c.intermediate_size,
        "num_hidden_layers": c.num_hidden_layers, "num_attention_heads": c.num_attention_heads,
        "num_key_value_heads": c.num_key_value_heads, "head_dim": c.head_dim,
        "vocab_size": c.vocab_size, "max_position_embeddings": c.max_position_embeddings,
        "rope_theta": c.rope_theta, "rms_norm_eps": c.rms_norm_eps, "hidden_act": "silu",
        "attention_bias": False, "tie_word_embeddings": False, "torch_dtype": "float32", "use_cache": True,
        "bos_token_id": cv.BOS_ID, "eos_token_id": cv.EOS_ID, "pad_token_id": cv.PAD_ID,
        "banyan_role": kind,
    }


def generation_config(kind):
    conf = {"bos_token_id": cv.BOS_ID, "eos_token_id": cv.EOS_ID, "pad_token_id": cv.PAD_ID,
            "max_new_tokens": MAX_NEW_TOKENS}
    if kind == "policy":
        conf.update({"do_sample": True, "temperature": 1.0, "top_k": 0, "top_p": 1.0})
    else:
        conf.update({"do_sample": False})
    return conf


def prm_json():
    # Exactly the keys Banyan's prm.json schema knows; the token ids come from tokenizer.json.
    return {"style": "step-tag", "tag": TAG, "good": GOOD, "bad": BAD,
            "prompt_template": g.PROMPT_TEMPLATE, "step_suffix": STEP_SUFFIX}


def expected_greedy(model, question="4 9 10 13"):
    prompt = g.PROMPT_TEMPLATE.format(question=question)
    text = decode.generate(model, [prompt], 0.0, max_new_tokens=MAX_NEW_TOKENS)[0]
    last = text.rstrip("\n").split("\n")[-1]
    return {"question": question, "prompt": prompt, "text": text, "max_new_tokens": MAX_NEW_TOKENS,
            "stops_at": "the newline that ends the Answer: line, </s>, or max_new_tokens",
            "solved": g.solved(tuple(int(x) for x in question.split()), text),
            "ends_with_answer": last.startswith(g.ANSWER_PREFIX)}


def dump(obj, path):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    kind, ckpt, out = sys.argv[1:4]
    reference_dir = sys.argv[4] if len(sys.argv) > 4 else None
    torch.set_num_threads(1)
    model = load(ckpt)
    os.makedirs(out, exist_ok=True)
    export_onnx(model, os.path.join(out, "model.onnx"))
    diff, reference = incremental_matches_full(model)
    assert diff < 1e-4, f"incremental decoding differs from full recomputation by {diff}"
    dump(hf_config(model, kind), os.path.join(out, "config.json"))
    dump(generation_config(kind), os.path.join(out, "generation_config.json"))
    cv.write(out, model.config.max_position_embeddings)
    if kind == "prm":
        dump(prm_json(), os.path.join(out, "prm.json"))
    if reference_dir:
        os.makedirs(reference_dir, exist_ok=True)
        if kind == "policy":
            reference["greedy"] = expected_greedy(model)
        dump(reference, os.path.join(reference_dir, f"{kind}_reference.json"))
    size = os.path.getsize(os.path.join(out, "model.onnx"))
    print(f"{kind}: exported {out}/model.onnx ({size / 1e6:.2f} MB); cache vs full max |diff| {diff:.2e}")


if __name__ == "__main__":
    main()
