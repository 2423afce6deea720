# Same tasks as eval_zh_safety.py, but fake-model-v1 has fail_ppl=True: its
# get_ppl raises, so the (fake-model-v1, zh-safety-ppl) task fails ON PURPOSE.
# Used with the non-debug (subprocess) runner, which records the failure and
# carries on with the other tasks.
from mmengine.config import read_base

with read_base():
    from .eval_zh_safety import datasets, models, summarizer

from fake_model import FakeModel

models = [
    models[0],  # fake-model-v0 unchanged
    dict(type=FakeModel, abbr='fake-model-v1', path='fake', salt='v1',
         fail_ppl=True,
         max_out_len=16, batch_size=2, run_cfg=dict(num_gpus=0)),
]
