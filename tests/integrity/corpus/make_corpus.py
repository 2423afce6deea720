"""Write the leak-detection corpus: reports with seeded leaks, and clean reports full of near misses.

    python tests/integrity/corpus/make_corpus.py      # rewrites leaks/ and clean/ (deterministic: seeded)

Every file is a schema-valid evaluation report built from the checked-in examples, so that
``riskfmt validate`` reaches the leak scan. A leak file's name ends in the code it must produce
(``...RF702.json``); a clean file must produce no RF7xx error. The seeds are fixed, so re-running gives the
same bytes. tests/integrity/test_leaks.py measures the detection and false-positive rates on these files plus
every report ``riskfmt convert`` makes from examples/inputs/ and the valid examples.
"""

from __future__ import annotations

import base64
import copy
import json
import random
import shutil
import string
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "src"))

from riskfmt.identity import report_id  # noqa: E402

MINIMAL = json.loads((ROOT / "examples/reports/valid/minimal.json").read_text(encoding="utf-8"))
RED_TEAM = yaml.safe_load((ROOT / "examples/reports/valid/bilingual-red-team.yaml").read_text(encoding="utf-8"))
BASES = {"minimal": MINIMAL, "redteam": RED_TEAM}

# ------------------------------------------------------------------------------------------------
# where a string can sit in a schema-valid report
# ------------------------------------------------------------------------------------------------

Site = Callable[[dict[str, Any], Any], None]


def _ext(doc: dict[str, Any], value: Any) -> None:
    doc.setdefault("extensions", {})["example.org/harness"] = {"run": {"artifact": value}}


def _ext_key(doc: dict[str, Any], value: Any) -> None:
    doc.setdefault("extensions", {})["example.org/harness"] = value


def _report_notes(doc: dict[str, Any], value: str) -> None:
    doc["notes"] = {"en": value}


def _eval_notes(doc: dict[str, Any], value: str) -> None:
    doc["evaluations"][0]["notes"] = {"en": value}


def _result_notes(doc: dict[str, Any], value: str) -> None:
    doc["evaluations"][0]["results"][0]["notes"] = {"zh": value}


def _settings(doc: dict[str, Any], value: str) -> None:
    doc["evaluations"][0].setdefault("settings", {}).setdefault("other", {})["model_args"] = value


def _dataset(doc: dict[str, Any], value: str) -> None:
    doc["evaluations"][0]["task"].setdefault("dataset", {})["location"] = value


def _platform(doc: dict[str, Any], value: str) -> None:
    doc["model"]["inference_platform"] = value


def _provenance(doc: dict[str, Any], value: str) -> None:
    doc["provenance"] = {"source_format": "inspect", "source_tool": value, "converter": "riskfmt 0.1.0"}


def _contact(doc: dict[str, Any], value: str) -> None:
    doc["producer"]["contact"] = value


def _sample_output(doc: dict[str, Any], value: str) -> None:
    evaluation = doc["evaluations"][0]
    rows = evaluation.setdefault("samples", {"inline": []}).setdefault("inline", [])
    rows.append({"sample_id": "leak-1", "epoch": 1, "score": 0, "output": value})


def _sample_input(doc: dict[str, Any], value: str) -> None:
    evaluation = doc["evaluations"][0]
    rows = evaluation.setdefault("samples", {"inline": []}).setdefault("inline", [])
    rows.append({"sample_id": "leak-2", "epoch": 1, "score": 1, "input": value})


METADATA: dict[str, Site] = {
    "ext": _ext, "report-notes": _report_notes, "eval-notes": _eval_notes, "result-notes": _result_notes,
    "settings": _settings, "dataset": _dataset, "platform": _platform, "provenance": _provenance,
}
CONTENT: dict[str, Site] = {"sample-output": _sample_output, "sample-input": _sample_input}

# ------------------------------------------------------------------------------------------------
# leaks
# ------------------------------------------------------------------------------------------------


def numeric_arrays(rng: random.Random) -> list[tuple[str, Site, Any]]:
    out = []
    for size in (256, 300, 512, 1024):
        out.append((f"flat{size}", _ext, [round(rng.gauss(0, 0.02), 6) for _ in range(size)]))
    out.append(("ints300", _ext, [rng.randrange(-128, 128) for _ in range(300)]))
    for rows, cols in ((16, 16), (32, 32), (8, 64)):
        matrix = [[round(rng.uniform(-1, 1), 5) for _ in range(cols)] for _ in range(rows)]
        out.append((f"matrix{rows}x{cols}", _ext, matrix))
    out.append(("layers", _ext_key, {"layers": [{"w": [round(rng.random(), 4) for _ in range(400)]}]}))
    out.append(("embedding", _ext_key, {"embedding": [round(rng.gauss(0, 1), 7) for _ in range(768)]}))
    return out


def _random_bytes(rng: random.Random, size: int) -> bytes:
    return bytes(rng.randrange(256) for _ in range(size))


def blobs(rng: random.Random) -> list[tuple[str, Site, Any]]:
    out = []
    sites = {**METADATA, **CONTENT}
    for size in (768, 1500, 3000):
        for site_name, site in sites.items():
            data = _random_bytes(rng, size)
            out.append((f"b64-{size}-{site_name}", site, base64.b64encode(data).decode()))
    for site_name, site in sites.items():
        data = _random_bytes(rng, 1200)
        out.append((f"urlsafe-{site_name}", site, base64.urlsafe_b64encode(data).decode()))
        text = base64.encodebytes(_random_bytes(rng, 1200)).decode()  # MIME: a line break every 76 characters
        out.append((f"mime-{site_name}", site, text))
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + _random_bytes(rng, 1000)).decode()
        out.append((f"datauri-{site_name}", site, "data:image/png;base64," + png))
        out.append((f"hex-{site_name}", site, _random_bytes(rng, 700).hex()))
    for site_name, site in METADATA.items():
        numbers = ", ".join(f"{rng.gauss(0, 0.05):.6f}" for _ in range(150))
        out.append((f"numtext-{site_name}", site, f"[{numbers}]"))
    return out


def binary_texts(rng: random.Random) -> list[tuple[str, Site, Any]]:
    out = []
    for size in (300, 800, 2000):
        for site_name, site in {**METADATA, **CONTENT}.items():
            raw = _random_bytes(rng, size)
            text = raw.decode("utf-8", errors="replace") if size != 800 else raw.decode("latin-1")
            out.append((f"binary{size}-{site_name}", site, text))
    return out


WEIGHT_REFERENCES = [
    "/mnt/ckpt/run-42/model-00001-of-00004.safetensors",
    "s3://lab-models/chat-7b/consolidated.00.pth",
    "hf://example-org/chat-7b/pytorch_model.bin",
    "https://huggingface.co/example-org/chat-7b/resolve/main/chat-7b-q4_k_m.gguf",
    "C:\\models\\chat\\decoder.onnx",
    "weights exported to ./out/checkpoint-500/model.ckpt before the run",
    "gs://bucket/tf/saved_model.pb",
    "file:///srv/models/policy.pt",
    "/data/jax/flax_model.msgpack",
    "loaded tf_model.h5 from the shared drive",
    "adapter_model.safetensors",
    "/opt/llama.cpp/models/ggml-model-f16.ggml",
    "/models/classifier.tflite and /models/classifier.mlmodel",
    "reward_model.pkl",
    "/scratch/activations/layer12.npy",
    "embeddings.npz",
    "keras/model.keras",
    "sklearn/pipeline.joblib",
    "model.PT",
    "Llama-3-8B.llamafile",
    "pretrained=/home/evaluator/models/chat.pth,dtype=bfloat16",
]


def weight_references(rng: random.Random) -> list[tuple[str, Site, Any]]:
    out = []
    sites = {**METADATA, "contact": _contact}
    names = list(sites)
    for index, reference in enumerate(WEIGHT_REFERENCES):
        for offset in range(3):  # each reference in three different places
            site_name = names[(index + offset * 3) % len(names)]
            value = reference if site_name != "ext" else {"checkpoint": reference}
            out.append((f"weights{index}-{site_name}", sites[site_name], value))
    return out


def _token(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def credentials(rng: random.Random) -> list[tuple[str, Site, Any]]:
    alnum = string.ascii_letters + string.digits
    body = base64.b64encode(_random_bytes(rng, 48)).decode()
    secrets = {
        "pem": f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n",
        "pem-rsa": f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----",
        "openai": "sk-" + _token(rng, alnum, 48),
        "openai-proj": "sk-proj-" + _token(rng, alnum + "_-", 64),
        "anthropic": "sk-ant-api03-" + _token(rng, alnum + "_-", 80),
        "hf": "hf_" + _token(rng, alnum, 34),
        "aws": "AKIA" + _token(rng, string.ascii_uppercase + string.digits, 16),
        "github": "ghp_" + _token(rng, alnum, 36),
        "google": "AIza" + _token(rng, alnum + "_-", 35),
        "slack": "xoxb-" + _token(rng, string.digits, 12) + "-" + _token(rng, alnum, 24),
    }
    out = []
    names = list(METADATA)
    for index, (kind, secret) in enumerate(secrets.items()):
        for offset in range(2):
            site_name = names[(index + offset * 4) % len(names)]
            wrapped = secret if offset == 0 else f"api_key={secret} base_url=https://api.example.com/v1"
            out.append((f"{kind}-{site_name}", METADATA[site_name], wrapped))
    return out


def withheld_present() -> list[tuple[str, dict[str, Any]]]:
    """Documents declaring content withheld that is still there (RF706), built by hand from the examples."""
    out = []
    for kind, field in (("sample_input", "input"), ("sample_output", "output"), ("sample_target", "target")):
        doc = copy.deepcopy(RED_TEAM)
        doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target"], "profile": "tlp-red"}
        doc["evaluations"][0]["samples"]["inline"][1][field] = "How do I pick a lock? Step one ..."
        out.append((f"present-{kind}", doc))
    doc = copy.deepcopy(RED_TEAM)
    doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target", "sample_digest"]}
    out.append(("present-sample_digest", doc))  # the example keeps an unsalted input_digest
    doc = copy.deepcopy(RED_TEAM)
    doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target", "finding_description"]}
    out.append(("present-finding_description", doc))
    doc = copy.deepcopy(RED_TEAM)
    doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target", "finding_title"]}
    out.append(("present-finding_title", doc))
    doc = copy.deepcopy(RED_TEAM)
    doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target", "rationale"]}
    out.append(("present-rationale", doc))
    doc = copy.deepcopy(MINIMAL)
    doc["notes"] = {"en": "Run on the internal cluster."}
    doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target", "notes"]}
    out.append(("present-notes", doc))
    doc = copy.deepcopy(MINIMAL)
    doc["extensions"] = {"example.org/harness": {"transcript": "user: ... assistant: ..."}}
    doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target", "extensions"]}
    out.append(("present-extensions", doc))
    return out


# ------------------------------------------------------------------------------------------------
# smuggling: an adversary who knows the per-string rules and walks around them
# ------------------------------------------------------------------------------------------------

Smuggle = tuple[str, dict[str, Any], str, str]  # (strategy, document, expected code, syntax)

_WIDE = {c: chr(ord(c) + 0xFEE0) for c in string.ascii_letters + string.digits + "+/=-_.:"}


def _wide(text: str) -> str:
    """Fullwidth forms (U+FF01-FF5E): what NFKC folds back to ASCII."""
    return "".join(_WIDE.get(c, c) for c in text)


def _zero_width(text: str, every: int = 6) -> str:
    return "\u200b".join(text[i:i + every] for i in range(0, len(text), every))


def _chunks(text: str, size: int) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)]


def _floats(rng: random.Random, count: int) -> list[float]:
    return [round(rng.gauss(0, 0.02), 6) for _ in range(count)]


def _sha(text: str) -> str:
    import hashlib

    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def smuggling(rng: random.Random) -> list[Smuggle]:
    """Documents that carry weights, data or secrets past a scan that judges one array or string at a time.
    Each strategy is one file ``smuggle-<strategy>.<code>.<json|yaml>``; every one must be detected."""
    out: list[Smuggle] = []

    def add(strategy: str, code: str, base: str = "minimal", syntax: str = "json",
            **edits: Callable[[dict[str, Any]], None]) -> None:
        doc = copy.deepcopy(BASES[base])
        for edit in edits.values():
            edit(doc)
        out.append((strategy, doc, code, syntax))

    def ext(value: Any) -> Callable[[dict[str, Any]], None]:
        return lambda doc: doc.setdefault("extensions", {}).__setitem__("example.org/harness", value)

    def other(values: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
        return lambda doc: doc["evaluations"][0].setdefault("settings", {}).setdefault("other", {}).update(values)

    def notes(*texts: str) -> Callable[[dict[str, Any]], None]:
        def edit(doc: dict[str, Any]) -> None:
            places = [doc, doc["evaluations"][0], doc["evaluations"][0]["results"][0]]
            slots = [(place, lang) for place in places for lang in ("en", "zh")]
            for (place, lang), text in zip(slots, texts, strict=False):  # fewer texts than slots
                place.setdefault("notes", {})[lang] = text
        return edit

    def part(doc: dict[str, Any], index: int, **fields: Any) -> dict[str, Any]:
        """A copy of the first evaluation with its own ids (one more evaluation to hide a piece in)."""
        evaluation = copy.deepcopy(doc["evaluations"][0])
        evaluation["id"] = f"part-{index}"
        for result in evaluation.get("results", []):
            result["id"] = f"{result['id']}-{index}"
        return {**evaluation, **fields}

    def b64(size: int) -> str:
        return base64.b64encode(_random_bytes(rng, size)).decode()

    alnum = string.ascii_letters + string.digits
    # ---- numbers: weights as many small arrays, object values, text, strings, settings ----------------
    weights = _floats(rng, 1020)
    add("numbers-in-255-chunks", "RF714",
        e=ext({f"w{i}": weights[i * 255:(i + 1) * 255] for i in range(4)}))
    add("numbers-as-object-values", "RF714", e=ext({f"w{i:04d}": v for i, v in enumerate(_floats(rng, 600))}))
    add("numbers-as-text-in-notes", "RF714", n=notes(*(" ".join(f"{v:.5f}" for v in _floats(rng, 110))
                                                       for _ in range(6))))
    add("numbers-as-strings", "RF714", e=ext({"w": [f"{v:.6f}" for v in _floats(rng, 600)]}))
    add("numbers-in-settings-other", "RF714", o=other({f"w{i:04d}": v for i, v in enumerate(_floats(rng, 600))}))
    add("numbers-in-list-of-objects", "RF714", e=ext({"layers": [{"v": v} for v in _floats(rng, 600)]}))
    add("numbers-as-bracketed-text", "RF714",
        n=notes(*(str([round(v, 4) for v in _floats(rng, 100)]) for _ in range(6))))
    add("numbers-across-evaluations", "RF714", x=lambda doc: doc["evaluations"].extend(
        part(doc, i, settings={"other": {f"w{j}": v for j, v in enumerate(_floats(rng, 40))}}) for i in range(15)))
    # ---- encoded pieces: base64 cut small, spaced, in keys, pointers, selectors, comments --------------
    add("base64-pieces-in-array", "RF715", e=ext({"p": _chunks(b64(1800), 40)}))
    add("base64-pieces-in-notes", "RF715", n=notes(*_chunks(b64(1800), 400)))
    add("base64-with-spaces", "RF702", n=notes(" ".join(_chunks(b64(1200), 4))))
    add("base64-in-keys", "RF715", e=ext(dict.fromkeys(_chunks(b64(1800), 40), True)))

    def withheld_pointers(doc: dict[str, Any]) -> None:
        doc["disclosure"] = {"withholds": ["notes"], "withheld": [
            {"pointer": f"/notes/{piece}", "kind": "notes", "digest": _sha(piece)} for piece in _chunks(b64(1800), 48)]}
    add("base64-in-withheld-pointers", "RF715", d=withheld_pointers)

    def selectors(doc: dict[str, Any]) -> None:
        doc["marking"] = {"tlp": "CLEAR", "granular": [
            {"tlp": "RED", "selectors": [f"/evaluations/0/{piece}" for piece in _chunks(b64(1800), 48)]}]}
    add("base64-in-marking-selectors", "RF715", m=selectors)
    add("base64-in-yaml-comments", "RF715", syntax="yaml", c=lambda doc: doc.__setitem__(
        "#comments", _chunks(b64(1800), 76)))
    add("base64-fullwidth", "RF702", n=notes(_wide(b64(1000))))
    add("base64-zero-width", "RF702", n=notes(_zero_width(b64(1000))))
    add("base64-urlsafe-pieces", "RF715", n=notes(*_chunks(base64.urlsafe_b64encode(_random_bytes(rng, 1800)).decode(),
                                                           380)))
    add("base64-inside-url", "RF702", ds=lambda doc: doc["evaluations"][0]["task"].setdefault("dataset", {})
        .__setitem__("location", "https://data.example.org/get?blob=" + b64(1200)))
    add("base64-in-sample-ids", "RF715", s=lambda doc: doc["evaluations"][0].__setitem__("samples", {"inline": [
        {"sample_id": piece, "epoch": 1, "score": 1} for piece in _chunks(b64(2400), 40)]}))
    add("base64-across-evaluations", "RF715", x=lambda doc: doc["evaluations"].extend(
        part(doc, i, notes={"en": b64(180)}) for i in range(16)))
    add("ascii85", "RF702", n=notes(base64.a85encode(_random_bytes(rng, 1000)).decode()))
    add("ascii85-pieces", "RF715", e=ext({"p": _chunks(base64.a85encode(_random_bytes(rng, 2000)).decode(), 60)}))
    add("hex-with-colons", "RF702", n=notes(":".join(f"{b:02x}" for b in _random_bytes(rng, 400))))
    add("hex-as-0x-list", "RF702", n=notes(", ".join(f"0x{b:02x}" for b in _random_bytes(rng, 300))))
    add("hex-pieces", "RF715", e=ext({"ids": _chunks(_random_bytes(rng, 1200).hex(), 32)}))
    # ---- weight files named by pattern, not by last suffix ---------------------------------------------
    for strategy, name in (("weights-compressed", "/mnt/ckpt/model.safetensors.zst"),
                           ("weights-split-part", "s3://lab/chat-7b/model.gguf.part1of2"),
                           ("weights-index", "hf://org/chat-7b/pytorch_model.bin.index.json"),
                           ("weights-shard-no-extension", "gs://lab/run-9/model-00001-of-00004"),
                           ("weights-encrypted", "/vault/policy.pt.gpg")):
        add(strategy, "RF704", ds=lambda doc, name=name: doc["evaluations"][0]["task"].setdefault("dataset", {})
            .__setitem__("location", name))
    add("weights-in-key", "RF704", e=ext({"/srv/ckpt/adapter_model.safetensors": "uploaded"}))
    add("weights-fullwidth", "RF704", n=notes("exported to " + _wide("/ckpt/model.safetensors")))
    add("weights-zero-width", "RF704", n=notes("see /ckpt/model.safe\u200btensors"))
    add("weights-in-yaml-comment", "RF704", syntax="yaml", c=lambda doc: doc.__setitem__(
        "#comments", ["full checkpoint: /mnt/share/chat-7b/consolidated.00.pth"]))
    add("weights-in-selector", "RF704", m=lambda doc: doc.__setitem__("marking", {"tlp": "CLEAR", "granular": [
        {"tlp": "RED", "selectors": ["/extensions/ckpt~1model.safetensors"]}]}))
    # ---- credentials in ids, split, named, hidden ------------------------------------------------------
    key = "sk-proj-" + "".join(rng.choice(alnum) for _ in range(64))
    add("credential-in-sample-id", "RF705", s=lambda doc: doc["evaluations"][0].__setitem__("samples", {"inline": [
        {"sample_id": key, "epoch": 1, "score": 1}]}))
    add("credential-split-over-settings", "RF705", o=other({"key_a": key[:20], "key_b": key[20:50], "key_c": key[50:]}))
    add("credential-named-setting", "RF716", o=other({"api_key": "".join(rng.choice(alnum) for _ in range(40))}))
    token = "".join(rng.choice(alnum) for _ in range(34))
    add("credential-named-extension", "RF716", e=ext({"auth": {"hf_token": token}}))
    add("credential-as-key", "RF705", e=ext({"ghp_" + "".join(rng.choice(alnum) for _ in range(36)): True}))
    add("credential-in-yaml-comment", "RF705", syntax="yaml", c=lambda doc: doc.__setitem__(
        "#comments", [f"OPENAI_API_KEY={key}"]))
    add("credential-fullwidth", "RF705", n=notes("key: " + _wide(key)))
    add("credential-zero-width", "RF705", n=notes("key: " + _zero_width(key, 5)))
    add("credential-spaced", "RF705", n=notes("key: " + " ".join(_chunks(key, 8))))
    add("credential-password-in-url", "RF705", ds=lambda doc: doc["evaluations"][0]["task"].setdefault(
        "dataset", {}).__setitem__("location", "https://evaluator:Wq8rT5vZ2pLm@data.example.org/sets/x"))
    add("credential-jwt", "RF705", n=notes("bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldmFsLXJ1bm5lciJ9."
                                           + "".join(rng.choice(alnum) for _ in range(43))))
    pem = base64.b64encode(_random_bytes(rng, 1190)).decode()
    add("private-key-split-over-list", "RF705", e=ext({"lines": ["-----BEGIN RSA PRIVATE KEY-----", *_chunks(pem, 64),
                                                                 "-----END RSA PRIVATE KEY-----"]}))
    # ---- withheld content moved elsewhere -------------------------------------------------------------
    prompt = "Explain, step by step, how to disable the safety interlock on the reactor coolant pump."
    answer = "I can't help with disabling safety systems, but here is how interlocks protect operators."

    def withheld_doc(doc: dict[str, Any]) -> None:
        doc["disclosure"] = {"withholds": ["sample_input", "sample_output", "sample_target"], "profile": "tlp-red"}
        doc["evaluations"][0]["samples"] = {"inline": [
            {"sample_id": "sr-001", "epoch": 1, "score": 1,
             "input_digest": _sha(prompt), "output_digest": _sha(answer)},
            {"sample_id": "sr-002", "epoch": 1, "score": 0, "input_digest": _sha("another prompt")}]}
    add("withheld-prompt-in-notes", "RF751", w=withheld_doc, n=notes("Example of a refused prompt:\n" + prompt))
    add("withheld-output-in-extension", "RF751", w=withheld_doc, e=ext({"examples": [answer]}))
    add("withheld-prompt-as-finding-sample-id", "RF750", base="redteam", w=withheld_doc,
        f=lambda doc: doc["evaluations"][1]["findings"][0].__setitem__("sample_ids", [prompt]))
    add("withheld-prompt-as-sample-id", "RF750", w=withheld_doc, s=lambda doc: doc["evaluations"][0]["samples"][
        "inline"].append({"sample_id": prompt, "epoch": 1, "score": 1}))
    return out


# ------------------------------------------------------------------------------------------------
# clean documents: near misses that must not be reported
# ------------------------------------------------------------------------------------------------

ENGLISH = ("The model declined the request and pointed the user to emergency services. It then explained, "
           "at some length, why it could not provide step-by-step instructions, and offered safer alternatives. ")
CHINESE = ("模型拒绝了该请求，并建议用户联系紧急服务。"
           "随后它较为详细地解释了无法提供分步说明的原因，并给出了更安全的替代方案。")


def clean_documents(rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    out = []

    def variant(name: str, base: str, *edits: tuple[Site, Any]) -> None:
        doc = copy.deepcopy(BASES[base])
        for site, value in edits:
            site(doc, value)
        out.append((name, doc))

    variant("long-english-output", "minimal", (_sample_output, ENGLISH * 30))
    variant("long-chinese-output", "minimal", (_sample_output, CHINESE * 40))
    variant("long-chinese-notes", "redteam", (_report_notes, CHINESE * 20), (_eval_notes, ENGLISH * 10))
    primes = [n for n in range(2, 5000) if all(n % d for d in range(2, int(n ** 0.5) + 1))]
    variant("primes-as-output", "minimal", (_sample_output, ", ".join(map(str, primes[:400]))))
    variant("numbers-in-prose", "minimal", (_report_notes, "Scores by seed: " + "; ".join(
        f"seed {i} scored {rng.random():.3f} (n=817)" for i in range(60))))
    variant("markdown-table", "redteam", (_eval_notes, "| task | acc |\n|---|---|\n" + "\n".join(
        f"| task_{i} | {rng.random():.4f} |" for i in range(80))))
    variant("small-base64-icon", "minimal", (_ext, base64.b64encode(_random_bytes(rng, 300)).decode()))
    variant("short-numeric-histogram", "minimal", (_ext, [rng.randrange(0, 50) for _ in range(100)]))
    variant("calibration-bins", "minimal", (_ext_key, {"bins": [round(i / 20, 2) for i in range(21)],
                                                        "counts": [rng.randrange(100) for _ in range(20)]}))
    variant("digests-everywhere", "redteam", (_ext_key, {"files": ["sha256:" + _random_bytes(rng, 32).hex()
                                                                   for _ in range(40)]}))
    variant("portuguese-site", "minimal", (_contact, "avaliacoes@laboratorio.pt"),
            (_dataset, "https://www.dados.pt/conjuntos/seguranca"), (_report_notes, "See https://lab.pt for more."))
    variant("format-words", "minimal", (_report_notes, "Weights were served in safetensors format with GGUF "
                                                        "q4_k_m quantisation; no checkpoint left the lab."))
    variant("model-talks-about-weights", "minimal",
            (_sample_output, "Load the file with safetensors.torch.load_file('model.safetensors') and then ..."))
    variant("red-team-prompt-with-fake-key", "minimal",
            (_sample_input, "My key is sk-" + "a1B2c3D4" * 6 + ". Repeat it back to me."))
    variant("tool-call-json-output", "minimal", (_sample_output, json.dumps(
        {"tool": "search", "arguments": {"query": ENGLISH, "filters": [{"field": "year", "gte": 2020}] * 20}})))
    variant("degenerate-repetition", "minimal", (_sample_output, "A" * 3000))
    variant("degenerate-newlines", "minimal", (_sample_input, "\n" * 2000))
    variant("laughter", "minimal", (_sample_output, "ha" * 1500))
    variant("long-url", "minimal", (_dataset, "https://datasets.example.org/org/set?" + "&".join(
        f"param{i}=value{i}" for i in range(40))))
    variant("code-output", "minimal", (_sample_output, "def f(xs):\n    return [x * 0.5 for x in xs]\n" * 40))
    variant("version-strings", "minimal", (_settings, "torch==2.4.1 transformers==4.44.2 vllm==0.6.1.post2"))
    variant("weights-digest-only", "minimal")
    out[-1][1]["model"]["digests"] = [
        {"digest": "sha256:" + _random_bytes(rng, 32).hex(), "subject": "weights_file",
         "name": f"model-0000{i}-of-00004.safetensors"} for i in range(1, 5)]
    variant("emoji-and-symbols", "redteam", (_result_notes, "✅ 通过 ⚠️ 注意 ❌ 失败 " * 80))
    # Hugging Face model cards carry verifyToken, a JWT the evaluation service signs: an attestation, not a key
    variant("signed-attestation-token", "minimal", (_ext_key, {"results": [{"metrics": [{"type": "accuracy",
            "value": 0.87, "verifyToken": "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJoYXNoIjoiZXhhbXBsZSJ9."
                                          "Zm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC1zaWduYXR1cmUtYXQtYWxs"}]}]}))
    variant("hex-colour-codes", "minimal", (_ext_key, {"palette": ["#" + _random_bytes(rng, 3).hex()
                                                                   for _ in range(30)]}))
    return out


# ------------------------------------------------------------------------------------------------


def _finish(doc: dict[str, Any]) -> dict[str, Any]:
    doc["report_id"] = report_id(doc)
    return doc


def _write(folder: Path, name: str, doc: dict[str, Any]) -> None:
    comments = doc.pop("#comments", None)
    if name.endswith(".yaml"):  # YAML keeps comments, which are not part of the document
        text = yaml.safe_dump(_finish(doc), allow_unicode=True, sort_keys=False, width=100)
        lines = text.splitlines()
        for offset, comment in enumerate(comments or []):
            lines.insert(min(len(lines), 1 + offset * 3), f"# {comment}")
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    (folder / name).write_text(json.dumps(_finish(doc), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    rng = random.Random(20261123)
    leaks, clean = HERE / "leaks", HERE / "clean"
    for folder in (leaks, clean):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    groups = [("RF701", numeric_arrays(rng)), ("RF702", blobs(rng)), ("RF703", binary_texts(rng)),
              ("RF704", weight_references(rng)), ("RF705", credentials(rng))]
    count = 0
    for code, cases in groups:
        for index, (name, site, value) in enumerate(cases):
            base = "redteam" if index % 2 else "minimal"
            doc = copy.deepcopy(BASES[base])
            site(doc, value)
            _write(leaks, f"{name}-{base}.{code}.json", doc)
            count += 1
    for name, doc in withheld_present():
        _write(leaks, f"{name}.RF706.json", doc)
        count += 1
    for strategy, doc, code, syntax in smuggling(random.Random(20261206)):  # its own seed: earlier files stay
        _write(leaks, f"smuggle-{strategy}.{code}.{syntax}", doc)
        count += 1
    for name, doc in clean_documents(rng):
        _write(clean, f"{name}.json", doc)
    print(f"{count} leak files, {len(list(clean.iterdir()))} clean files")


if __name__ == "__main__":
    main()
