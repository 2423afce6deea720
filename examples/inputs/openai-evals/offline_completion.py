"""A deterministic, offline CompletionFn for OpenAI evals (no API calls).

It answers from a fixed lookup table keyed on words in the last user message,
so the Match eval gets a mix of right and wrong answers."""
from evals.api import CompletionFn, CompletionResult
from evals.prompt.base import CompletionPrompt, is_chat_prompt
from evals.record import record_sampling

ANSWERS = {
    "2+2": "4",
    "France": "Paris",
    "sky": "blue",
    "planet": "Saturn",       # wrong (ideal: Jupiter)
    "Romeo": "Shakespeare",
    "boiling": "90",          # wrong (ideal: 100)
}


class CannedResult(CompletionResult):
    def __init__(self, text: str):
        self.text = text

    def get_completions(self) -> list[str]:
        return [self.text]


class CannedCompletionFn(CompletionFn):
    def __init__(self, fallback: str = "I don't know", **kwargs):
        self.fallback = fallback

    def __call__(self, prompt, **kwargs) -> CannedResult:
        if is_chat_prompt(prompt):
            text = prompt[-1]["content"]
        else:
            text = CompletionPrompt(prompt).to_formatted_prompt()
        answer = next((v for k, v in ANSWERS.items() if k in text), self.fallback)
        # record a "sampling" event the way evals' own OpenAI completion fns do
        n_in = sum(len(m["content"].split()) for m in prompt) if is_chat_prompt(prompt) else len(text.split())
        n_out = len(answer.split())
        record_sampling(
            prompt=prompt,
            sampled=[answer],
            model="offline/canned-v1",
            usage={"prompt_tokens": n_in, "completion_tokens": n_out, "total_tokens": n_in + n_out},
        )
        return CannedResult(answer)


class FailingCompletionFn(CannedCompletionFn):
    """Same answers, but raises on the 'planet' question: used for the aborted-run fixture."""

    def __call__(self, prompt, **kwargs):
        if "planet" in str(prompt):
            raise RuntimeError("deliberate completion failure (riskfmt fixture)")
        return super().__call__(prompt, **kwargs)
