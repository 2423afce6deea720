"""Deterministic fake model for producing OpenCompass fixtures offline.

No weights, no network. Answers and perplexities are derived from a sha256
of (salt, prompt), so every run gives the same outputs, and two models with
different salts give different answers.

generate() also mixes in how many times this model instance has already
seen the same prompt, so the replicas of an n>1 dataset (identical prompts)
can get different answers; that makes G-Pass@k non-trivial. The result is
still deterministic for a given command line.
"""
import hashlib
from typing import List, Optional

import numpy as np

from opencompass.models.base import BaseModel
from opencompass.registry import MODELS


def _digest(salt: str, text: str) -> bytes:
    return hashlib.sha256((salt + '\x00' + str(text)).encode('utf-8')).digest()


@MODELS.register_module()
class FakeModel(BaseModel):
    """`salt` makes models differ; `fail_ppl=True` makes get_ppl raise
    (used on purpose to produce a failed PPL task)."""

    def __init__(self, path: str = 'fake', salt: str = 'v0',
                 fail_ppl: bool = False, **kwargs):
        super().__init__(path=path, **kwargs)
        self.salt = salt
        self.fail_ppl = fail_ppl
        self._seen = {}

    def generate(self, inputs: List[str], max_out_len: int) -> List[str]:
        outs = []
        for prompt in inputs:
            key = str(prompt)
            occurrence = self._seen.get(key, 0)
            self._seen[key] = occurrence + 1
            letter = 'AB'[_digest(f'{self.salt}#{occurrence}', prompt)[0] % 2]
            outs.append(f'{letter}. (fake answer)')
        return outs

    def get_ppl(self, inputs: List[str],
                mask_length: Optional[List[int]] = None) -> np.ndarray:
        if self.fail_ppl:
            raise RuntimeError(
                f'FakeModel(salt={self.salt!r}): get_ppl deliberately '
                'disabled (fail_ppl=True) to produce a failed task')
        vals = []
        for prompt in inputs:
            d = _digest(self.salt, prompt)
            vals.append(1.0 + int.from_bytes(d[:4], 'big') / 2**32 * 9.0)
        return np.array(vals, dtype=np.float64)  # a list breaks PPLInferencer

    def get_ppl_tokenwise(self, inputs, mask_length=None):
        raise NotImplementedError

    def encode(self, prompt: str):
        raise NotImplementedError

    def decode(self, tokens) -> str:
        raise NotImplementedError

    def get_token_len(self, prompt: str) -> int:
        return len(prompt)
