"""OpenCompass's dumped run configuration (``configs/*.py``) read without running it: a bounded evaluator of
Python literals, with what cannot be read kept as ``Opaque``; and the prompt digest of a dataset config."""

from __future__ import annotations

import ast
import hashlib
import json
from typing import Any

from riskfmt.convert._coerce import as_dict


class Opaque:
    """A config expression the literal reader does not evaluate (kept as its source text)."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __repr__(self) -> str:
        return f"Opaque({self.source!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and other.source == self.source

    __hash__ = None  # type: ignore[assignment]


MAX_CONFIG_VALUES = 1_000_000  # values built while resolving a config; a real dump builds a few thousand


class ConfigTooLarge(ValueError):
    """Resolving the config's name references would build more than ``MAX_CONFIG_VALUES`` values."""


class _Budget:
    """Counts every value built while a config is resolved. A name reference copies the value it names, so a few
    hundred bytes of ``b = [a, a, a]; c = [b, b, b] ...`` expand geometrically; counting as we build stops that
    before memory does."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.limit = limit

    def spend(self, count: int = 1) -> None:
        self.left -= count
        if self.left < 0:
            raise ConfigTooLarge(f"more than {self.limit} values")


def _literal(node: ast.AST, env: dict[str, Any], depth: int = 0, budget: _Budget | None = None) -> Any:
    if depth > 200:
        return Opaque("<too deep>")
    budget = budget if budget is not None else _Budget(MAX_CONFIG_VALUES)
    budget.spend()

    def rec(child: ast.AST) -> Any:
        return _literal(child, env, depth + 1, budget)

    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        out: list[Any] = []
        for item in node.elts:
            if isinstance(item, ast.Starred):
                value = rec(item.value)
                if isinstance(value, (list, tuple)):
                    out.extend(value)
                else:
                    out.append(Opaque(ast.unparse(item)))
            else:
                out.append(rec(item))
        return out
    if isinstance(node, ast.Dict):
        result: dict[Any, Any] = {}
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:
                merged = rec(value)
                if isinstance(merged, dict):
                    result.update(merged)
                continue
            k = rec(key)
            try:
                hash(k)
            except TypeError:
                k = ast.unparse(key)
            result[k] = rec(value)
        return result
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("dict", "list", "tuple"):
        if node.func.id == "dict":
            result = {}
            for arg in node.args:
                value = rec(arg)
                if isinstance(value, dict):
                    result.update(value)
            for keyword in node.keywords:
                if keyword.arg is None:
                    value = rec(keyword.value)
                    if isinstance(value, dict):
                        result.update(value)
                else:
                    result[keyword.arg] = rec(keyword.value)
            return result
        if len(node.args) == 1 and not node.keywords:
            value = rec(node.args[0])
            return list(value) if isinstance(value, (list, tuple)) else Opaque(ast.unparse(node))
        return [] if not node.args and not node.keywords else Opaque(ast.unparse(node))
    if isinstance(node, ast.Name):
        if node.id in env:
            return _copy(env[node.id], budget)
        return Opaque(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = rec(node.operand)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = rec(node.left), rec(node.right)
        if isinstance(left, str) and isinstance(right, str):
            budget.spend(len(left) + len(right))  # "s = s + s" doubles a string per line
            return left + right
        if isinstance(left, list) and isinstance(right, list):
            budget.spend(len(left) + len(right))
            return left + right
    return Opaque(ast.unparse(node))


def _copy(value: Any, budget: _Budget | None = None) -> Any:
    if budget is not None:
        budget.spend()
    if isinstance(value, dict):
        return {k: _copy(v, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v, budget) for v in value]
    return value


def parse_config(text: str, limit: int = MAX_CONFIG_VALUES) -> dict[str, Any]:
    """Top-level assignments of an OpenCompass config dump, read with ``ast`` (never executed). Expressions that
    are not literals, ``dict()``/``list()`` calls or names bound earlier become :class:`Opaque`. Raises
    SyntaxError/ValueError for text that is not Python, and :class:`ConfigTooLarge` (a ValueError) when resolving
    it would build more than ``limit`` values."""
    tree = ast.parse(text)
    env: dict[str, Any] = {}
    budget = _Budget(limit)
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            env[node.targets[0].id] = _literal(node.value, env, 0, budget)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            env[node.target.id] = _literal(node.value, env, 0, budget)
    return env


def _contains_opaque(value: Any) -> bool:
    if isinstance(value, Opaque):
        return True
    if isinstance(value, dict):
        return any(_contains_opaque(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_opaque(v) for v in value)
    return False


def prompt_hash(dataset_cfg: Any) -> str | None:
    """OpenCompass' ``get_prompt_hash`` (opencompass/utils/prompt.py) of one dataset config with string types, as a
    full hex digest; the summary's ``version`` column is its first 6 characters. None when the config holds
    expressions the converter did not evaluate."""
    if not isinstance(dataset_cfg, dict) or _contains_opaque(dataset_cfg):
        return None
    cfg = _copy(dataset_cfg)
    if "infer_cfg" not in cfg:  # custom datasets
        cfg.pop("abbr", None)
        cfg.pop("path", None)
        return hashlib.sha256(json.dumps(cfg, sort_keys=True).encode()).hexdigest()
    infer = cfg["infer_cfg"]
    if not isinstance(infer, dict):
        return None
    if "reader_cfg" in infer:  # old-style configs
        reader = as_dict(cfg.get("reader_cfg"))
        infer["reader"] = {"type": "DatasetReader", "input_columns": reader.get("input_columns"),
                           "output_column": reader.get("output_column")}
        inner = infer["reader_cfg"] if isinstance(infer["reader_cfg"], dict) else {}
        retriever = as_dict(infer.get("retriever"))
        if "train_split" in inner:
            retriever["index_split"] = inner["train_split"]
        if "test_split" in inner:
            retriever["test_split"] = inner["test_split"]
        for value in infer.values():
            if isinstance(value, dict) and isinstance(value.get("type"), str):
                value["type"] = value["type"].split(".")[-1]
    retr = infer.get("retriever")
    if isinstance(retr, dict) and "fix_id_list" in retr:
        fix_id_list = retr.pop("fix_id_list")
        if isinstance(infer.get("inferencer"), dict):
            infer["inferencer"]["fix_id_list"] = fix_id_list
    try:
        return hashlib.sha256(json.dumps(infer, sort_keys=True).encode()).hexdigest()
    except (TypeError, ValueError):
        return None
