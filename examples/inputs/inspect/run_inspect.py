"""Produce real Inspect logs offline with mockllm + preset-usage custom outputs.

Usage: python run_inspect.py <log_dir>
Writes, into <log_dir>, logs with Inspect's own default (timestamped) file names and
prints one line per log: "<label> <status> <path>".
"""
import sys
from datetime import datetime, timezone

from inspect_ai import Epochs, Task, eval, task
from inspect_ai.dataset import Sample
from inspect_ai.log import (
    MetadataEdit, ProvenanceData, TagsEdit, edit_eval_log, invalidate_samples,
    read_eval_log, write_eval_log,
)
from inspect_ai.model import ChatMessageSystem, ModelOutput, ModelUsage, get_model
from inspect_ai.scorer import (
    CORRECT, INCORRECT, PARTIAL, Score, Target, accuracy, includes, match, mean, scorer, stderr, std,
)
from inspect_ai.solver import Generate, TaskState, generate, solver

LOG_DIR = sys.argv[1] if len(sys.argv) > 1 else "logs"

# ---------------------------------------------------------------- the mock model
# Deterministic answers. On "attempt 2" (second epoch) the model gets q4 right too,
# so epoch reducers (mean vs max) give different values.
ANSWERS = {
    "2+2": "The answer is 4",
    "France": "Paris",
    "sky": "blue",
    "planet": "Saturn",          # wrong (target Jupiter), fixed on attempt 2
    "Romeo": "Shakespeare wrote it",
    "boiling": "It boils at 90 degrees",  # wrong (target 100)
}


def reply(messages, tools, tool_choice, config):
    text = messages[-1].text
    attempt2 = any("attempt 2" in m.text for m in messages if m.role == "system")
    out = next((v for k, v in ANSWERS.items() if k in text), "I don't know")
    if attempt2 and "planet" in text:
        out = "Jupiter"
    o = ModelOutput.from_content(model="mockllm/model", content=out)
    # preset usage => mockllm does not need tiktoken (which would download o200k_base)
    n_in = len(text.split())
    o.usage = ModelUsage(input_tokens=n_in, output_tokens=len(out.split()), total_tokens=n_in + len(out.split()))
    return o


def model():
    return get_model("mockllm/model", custom_outputs=reply)


DATASET = [
    Sample(id="q1", input="What is 2+2?", target="4"),
    Sample(id="q2", input="Capital of France?", target="Paris"),
    Sample(id="q3", input="Colour of the sky?", target="blue"),
    Sample(id="q4", input="Largest planet?", target="Jupiter"),
    Sample(id="q5", input="Who wrote Romeo and Juliet?", target="Shakespeare"),
    Sample(id="q6", input="Water boiling point in Celsius?", target="100"),
]


# ---------------------------------------------------------------- extra scorers/solvers
@scorer(metrics=[mean(), stderr(), std()])
def answer_precision():
    """Numeric score in [0,1]: share of the completion's words that occur in the target."""
    async def score(state: TaskState, target: Target) -> Score:
        words = state.output.completion.lower().split()
        tgt = target.text.lower().split()
        v = round(sum(w in tgt for w in words) / len(words), 4) if words else 0.0
        return Score(value=v, answer=state.output.completion, explanation=f"{v} of answer words are in the target")
    return score


@scorer(metrics=[accuracy(), stderr()])
def graded():
    """C / P / I: exact answer = C, target inside a longer answer = P, else I."""
    async def score(state: TaskState, target: Target) -> Score:
        got = state.output.completion.strip()
        if got.lower() == target.text.lower():
            v = CORRECT
        elif target.text.lower() in got.lower():
            v = PARTIAL
        else:
            v = INCORRECT
        return Score(value=v, answer=got)
    return score


@solver
def attempt_note():
    async def solve(state: TaskState, generate: Generate) -> TaskState:
        state.messages.insert(0, ChatMessageSystem(content=f"attempt {state.epoch}"))
        return state
    return solve


@solver
def explode_on(sample_id: str):
    async def solve(state: TaskState, generate: Generate) -> TaskState:
        if state.sample_id == sample_id:
            raise RuntimeError(f"deliberate solver failure on sample {sample_id}")
        return state
    return solve


# ---------------------------------------------------------------- tasks
@task
def tiny_success():
    return Task(dataset=DATASET, solver=[generate()],
                scorer=[includes(), match(location="any")])


@task
def tiny_epochs():
    return Task(dataset=DATASET, solver=[attempt_note(), generate()],
                scorer=[includes(), answer_precision(), graded()],
                epochs=Epochs(2, ["mean", "max"]))


@task
def tiny_error():
    return Task(dataset=DATASET, solver=[explode_on("q4"), generate()],
                scorer=[includes()])


COMMON = dict(log_dir=LOG_DIR, log_format="eval", display="none",
              max_samples=1, max_connections=1, seed=0)

logs = {}
logs["tiny_success"] = eval(tiny_success(), model=model(), **COMMON)[0]
logs["tiny_epochs"] = eval(tiny_epochs(), model=model(), **COMMON)[0]
logs["tiny_error"] = eval(tiny_error(), model=model(), fail_on_error=True, **COMMON)[0]

# Amend a copy of the success log with Inspect's own editing API:
# invalidate one sample, plus a tags/metadata edit (both recorded with provenance).
ok = read_eval_log(logs["tiny_success"].location)
prov = ProvenanceData(timestamp=datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc),
                      author="fixture-bot", reason="q4 target disputed (fixture)")
q4 = next(s for s in ok.samples if s.id == "q4")
amended = invalidate_samples(ok, [str(q4.uuid)], prov)
amended = edit_eval_log(amended,
                        [TagsEdit(tags_add=["reviewed"]), MetadataEdit(metadata_set={"reviewer": "fixture-bot"})],
                        ProvenanceData(timestamp=datetime(2026, 11, 23, 12, 5, tzinfo=timezone.utc),
                                       author="fixture-bot", reason="review done"))
inv_path = ok.location.replace("tiny-success", "tiny-success-invalidated").replace("tiny_success", "tiny_success_invalidated")
write_eval_log(amended, inv_path)
logs["tiny_invalidated"] = read_eval_log(inv_path)

for label, log in logs.items():
    print(label, log.status, log.location)
