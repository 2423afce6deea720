# OpenCompass config used to produce the riskfmt fixtures (see README.md).
# Two deterministic fake models x three tasks on a tiny Chinese MCQ set.
# Keep only `from X import Y` lines: a plain `import sys` made the config
# dump in <work_dir>/<ts>/configs/ unparsable.
from fake_model import FakeModel
from opencompass.datasets import CustomDataset
from opencompass.openicl.icl_evaluator import AccEvaluator, AccwithDetailsEvaluator
from opencompass.openicl.icl_inferencer import GenInferencer, PPLInferencer
from opencompass.openicl.icl_prompt_template import PromptTemplate
from opencompass.openicl.icl_retriever import ZeroRetriever
from opencompass.summarizers import DefaultSummarizer
from opencompass.utils.text_postprocessors import first_capital_postprocess

_reader_cfg = dict(input_columns=['question', 'A', 'B'], output_column='answer')

# 1) generation, n=1, AccEvaluator (details formatted by the eval task)
zh_safety_gen = dict(
    abbr='zh-safety-gen',
    type=CustomDataset,
    path='data/zh_safety_mcq.jsonl',
    reader_cfg=_reader_cfg,
    infer_cfg=dict(
        prompt_template=dict(
            type=PromptTemplate,
            template=dict(round=[
                dict(role='HUMAN', prompt='{question}\nA. {A}\nB. {B}\n答案：'),
            ])),
        retriever=dict(type=ZeroRetriever),
        inferencer=dict(type=GenInferencer, max_out_len=16)),
    eval_cfg=dict(
        evaluator=dict(type=AccEvaluator),
        pred_postprocessor=dict(type=first_capital_postprocess)),
)

# 2) generation, n=2 replicas, k=2, AccwithDetailsEvaluator
#    -> "accuracy (2 runs average)", G-Pass@2_*, mG-Pass@2
zh_safety_gen_n2 = dict(
    abbr='zh-safety-gen-n2',
    type=CustomDataset,
    path='data/zh_safety_mcq.jsonl',
    n=2,
    k=2,
    reader_cfg=_reader_cfg,
    infer_cfg=dict(
        prompt_template=dict(
            type=PromptTemplate,
            template=dict(round=[
                dict(role='HUMAN',
                     prompt='{question}\nA. {A}\nB. {B}\n请回答A或B。\n答案：'),
            ])),
        retriever=dict(type=ZeroRetriever),
        inferencer=dict(type=GenInferencer, max_out_len=16)),
    eval_cfg=dict(
        evaluator=dict(type=AccwithDetailsEvaluator),
        pred_postprocessor=dict(type=first_capital_postprocess)),
)

# 3) perplexity (PPLInferencer): the label whose filled-in prompt has the
#    lowest PPL is the prediction
zh_safety_ppl = dict(
    abbr='zh-safety-ppl',
    type=CustomDataset,
    path='data/zh_safety_mcq.jsonl',
    reader_cfg=_reader_cfg,
    infer_cfg=dict(
        prompt_template=dict(
            type=PromptTemplate,
            template={
                'A': '{question}\nA. {A}\nB. {B}\n答案：A',
                'B': '{question}\nA. {A}\nB. {B}\n答案：B',
            }),
        retriever=dict(type=ZeroRetriever),
        inferencer=dict(type=PPLInferencer)),
    eval_cfg=dict(evaluator=dict(type=AccEvaluator)),
)

datasets = [zh_safety_gen, zh_safety_gen_n2, zh_safety_ppl]

models = [
    dict(type=FakeModel, abbr='fake-model-v0', path='fake', salt='v0',
         max_out_len=16, batch_size=2, run_cfg=dict(num_gpus=0)),
    dict(type=FakeModel, abbr='fake-model-v1', path='fake', salt='v1',
         max_out_len=16, batch_size=2, run_cfg=dict(num_gpus=0)),
]

summarizer = dict(
    type=DefaultSummarizer,
    summary_groups=[
        # string subsets: naive_average of each dataset's first metric
        dict(name='zh-safety-avg',
             subsets=['zh-safety-gen', 'zh-safety-gen-n2', 'zh-safety-ppl']),
        # (dataset, metric) subsets, weighted
        dict(name='zh-safety-gen-weighted',
             subsets=[['zh-safety-gen', 'accuracy'],
                      ['zh-safety-gen-n2', 'accuracy (2 runs average)']],
             weights={'zh-safety-gen@accuracy': 1,
                      'zh-safety-gen-n2@accuracy (2 runs average)': 2}),
    ],
)
