"""The character-level vocabulary shared by the policy and the PRM, and its Hugging Face tokenizer files."""
import json

PAD, BOS, EOS, UNK = "<pad>", "<s>", "</s>", "<unk>"
SPECIALS = [PAD, BOS, EOS, UNK]
# Every character the traces use, plus the PRM's tag and its two label tokens (`+`, `-` are operators too).
CHARS = list("\n 0123456789+-*/=():#") + sorted(set("InputStepsleftAnswer"))
TOKENS = SPECIALS + CHARS
ID = {t: i for i, t in enumerate(TOKENS)}
PAD_ID, BOS_ID, EOS_ID, UNK_ID = (ID[t] for t in SPECIALS)
VOCAB_SIZE = len(TOKENS)


def encode(text: str) -> list:
    """One id per character; characters outside the vocabulary map to `<unk>` (no BOS is added)."""
    return [ID.get(ch, UNK_ID) for ch in text]


def decode(ids) -> str:
    return "".join(TOKENS[i] for i in ids if i not in (PAD_ID, BOS_ID, EOS_ID))


def tokenizer_json() -> dict:
    """A standard `tokenizers` schema: WordLevel over single characters, split one character at a time."""
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": ID[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True} for t in SPECIALS
        ],
        "normalizer": None,
        # `[\s\S]` matches any single character, newline included, whatever the regex flavour.
        "pre_tokenizer": {"type": "Split", "pattern": {"Regex": "[\\s\\S]"}, "behavior": "Isolated",
                          "invert": False},
        "post_processor": None,
        "decoder": {"type": "Fuse"},
        "model": {"type": "WordLevel", "vocab": dict(ID), "unk_token": UNK},
    }


def tokenizer_config(max_len: int) -> dict:
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": BOS, "eos_token": EOS, "pad_token": PAD, "unk_token": UNK,
        "add_bos_token": False, "add_eos_token": False,
        "model_max_length": max_len,
        "padding_side": "left",
        "clean_up_tokenization_spaces": False,
    }


def check_strings() -> dict:
    samples = [
        "Input: 4 9 10 13\nSteps:\n",
        "13 - 9 = 4 (left: 4 4 10)\n",
        "3 - 8/3 = 1/3 (left: 1/3 8) #\n",
        "Answer: (13 - 9) * (10 - 4) = 24\n",
        "x?",
    ]
    return {"add_special_tokens": False,
            "cases": [{"text": s, "ids": encode(s)} for s in samples]}


def write(directory, max_len: int):
    with open(f"{directory}/tokenizer.json", "w") as f:
        json.dump(tokenizer_json(), f, indent=1, ensure_ascii=False)
    with open(f"{directory}/tokenizer_config.json", "w") as f:
        json.dump(tokenizer_config(max_len), f, indent=1)
    with open(f"{directory}/tokenizer_check.json", "w") as f:
        json.dump(check_strings(), f, indent=1)
